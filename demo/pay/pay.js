import { connectToHost } from '/dist/guest.mjs';
import { createWorkerPool } from '/dist/worker.mjs';
import { acceptPorts } from '/dist/index.mjs';
import { card } from '/demo/contracts/card.js';
import { orderStatus } from '/demo/contracts/orderStatus.js';
import { payment } from '/demo/contracts/payment.js';
import { origins } from '/demo/origins.js';

// Fake cards only: nothing leaves this machine.
const $ = (selector) => document.querySelector(selector);
let due;
let paid = false;
const result = $('#result');

// Card checks and fees run in a pool of two workers; a quote still running when the number
// changes is cancelled (its AbortSignal), and every quote settles (a crashed worker's tasks
// reject WORKER_CRASHED and the worker is replaced).
const pool = createWorkerPool({ create: () => new Worker('./card.worker.js', { type: 'module' }), size: 2, contract: card });
let quoting;
let quote;
const requote = async () => {
  quoting?.abort();
  quote = undefined;
  if (!due) return;
  const current = (quoting = new AbortController());
  try {
    quote = await pool.remote.quote({ number: $('#number').value, ...due }, { signal: current.signal });
    $('#quote').textContent = quote.valid
      ? `${quote.brand} · fee ${quote.fee.toFixed(2)} · total ${quote.total.toFixed(2)} ${due.currency}`
      : 'Not a valid card number';
  } catch (error) {
    // A newer quote replaced this one; anything else is shown.
    if (current.signal.aborted) return;
    $('#quote').textContent = `No quote: ${error.message}`;
  }
};
$('#number').addEventListener('input', requote);

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
      void requote();
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
  if (!quote?.valid || digits.length < 12) return fail('Please check the card number.');
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
