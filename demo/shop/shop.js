import { mountWidget } from '/dist/host.mjs';
import { payment } from '/demo/contracts/payment.js';
import { origins } from '/demo/origins.js';

const confirmation = document.querySelector('#confirmation');

const widget = mountWidget({
  container: document.querySelector('#payment'),
  src: `${origins.pay}/demo/pay/`,
  title: 'Card payment',
  contract: payment,
  allow: ['payment'],
  methods: {
    paymentCompleted: ({ paymentId, amount, currency, last4 }) => {
      confirmation.className = 'status ok';
      confirmation.textContent = `Order confirmed: ${amount.toFixed(2)} ${currency} paid with the card ending ${last4} (${paymentId}).`;
    },
  },
});

const sendAmount = () => {
  const amount = Number(document.querySelector('#amount').value);
  const currency = document.querySelector('#currency').value;
  widget.remote.setAmount({ amount, currency }).catch((error) => {
    confirmation.className = 'status error';
    confirmation.textContent = `The payment widget refused the amount (${error.code}).`;
  });
};
document.querySelector('#amount').addEventListener('change', sendAmount);
document.querySelector('#currency').addEventListener('change', sendAmount);
widget.on('connect', sendAmount);
