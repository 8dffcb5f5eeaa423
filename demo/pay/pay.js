import { connectToHost } from '/dist/guest.mjs';
import { payment } from '/demo/contracts/payment.js';
import { origins } from '/demo/origins.js';

// Fake cards only: nothing leaves this machine.
let due = undefined;
const dueText = document.querySelector('#due');
const result = document.querySelector('#result');

const shop = await connectToHost({
  allowedOrigins: [origins.shop],
  contract: payment,
  methods: {
    setAmount: ({ amount, currency }) => {
      due = { amount, currency };
      dueText.textContent = `Amount due: ${amount.toFixed(2)} ${currency}`;
      return 'ok';
    },
  },
});

document.querySelector('#card').addEventListener('submit', async (event) => {
  event.preventDefault();
  const digits = document.querySelector('#number').value.replace(/\D/g, '');
  if (!due || digits.length < 12) {
    result.className = 'status error';
    result.textContent = 'Please check the card number.';
    return;
  }
  result.className = 'status ok';
  result.textContent = 'Payment accepted.';
  await shop.remote.paymentCompleted({ paymentId: `pay_${crypto.randomUUID().slice(0, 8)}`, ...due, last4: digits.slice(-4) });
});
