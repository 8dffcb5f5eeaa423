import { connectToHost } from '/dist/guest.mjs';
import { acceptPorts } from '/dist/index.mjs';
import { orderStatus } from '/demo/contracts/orderStatus.js';
import { payment } from '/demo/contracts/payment.js';
import { origins } from '/demo/origins.js';

// Fake cards only: nothing leaves this machine.
const $ = (selector) => document.querySelector(selector);
let due;
let paid = false;
const result = $('#result');

const shop = await connectToHost({
  allowedOrigins: [origins.shop],
  contract: payment,
  // When the shop introduces the chat, the chat may ask how the payment stands: that, and nothing else.
  ports: acceptPorts({
    orderStatus: {
      contract: orderStatus,
      as: 'guest',
      methods: { status: () => (due ? { state: paid ? 'paid' : 'due', ...due } : { state: 'waiting' }) },
    },
  }),
  methods: {
    setAmount: ({ amount, currency }) => {
      due = { amount, currency };
      $('#due').textContent = `Amount due: ${amount.toFixed(2)} ${currency}`;
      return 'ok';
    },
  },
});

const fail = (text) => {
  result.className = 'status error';
  result.textContent = text;
};

$('#card').addEventListener('submit', async (event) => {
  event.preventDefault();
  const digits = $('#number').value.replace(/\D/g, '');
  if (!due) return fail('Waiting for the amount from the shop.');
  if (digits.length < 12) return fail('Please check the card number.');
  const verify = $('#verify');
  if (verify.hidden) {
    // The bank's extra step: the frame grows to show it (auto-resize at work).
    verify.hidden = false;
    $('#submit').textContent = 'Confirm payment';
    result.textContent = '';
    $('#code').focus();
    return;
  }
  if ($('#code').value.trim() !== '123456') return fail('That code is not right. (Demo: 123456.)');
  verify.hidden = true;
  $('#submit').disabled = true;
  result.className = 'status ok';
  result.textContent = 'Payment accepted.';
  paid = true;
  await shop.remote.paymentCompleted({ paymentId: `pay_${crypto.randomUUID().slice(0, 8)}`, ...due, last4: digits.slice(-4) });
});
