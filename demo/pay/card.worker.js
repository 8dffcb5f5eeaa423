// A card worker of the payment widget's pool. The demo server bundles it, as an app's bundler
// would (scripts/demo.ts): frameport and zod come inside.
import { serveWorker } from '../../dist/worker.mjs';
import { card } from '../contracts/card.js';

/** The Luhn checksum every card number carries: a typo fails it. */
const luhn = (digits) => {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits.length >= 12 && sum % 10 === 0;
};

const brandOf = (digits) => (/^4/.test(digits) ? 'Visa' : /^5[1-5]/.test(digits) ? 'Mastercard' : /^3[47]/.test(digits) ? 'Amex' : 'Card');

// Fees by brand: a percentage and a fixed part, rounded to the cent.
const fees = { Visa: [0.014, 0.25], Mastercard: [0.016, 0.25], Amex: [0.029, 0.3], Card: [0.02, 0.3] };

serveWorker({
  contract: card,
  methods: {
    quote: ({ number, amount }) => {
      const digits = number.replace(/[\s-]/g, '');
      const brand = brandOf(digits);
      const valid = /^\d+$/.test(digits) && luhn(digits);
      const [rate, fixed] = fees[brand];
      const fee = Math.round((amount * rate + fixed) * 100) / 100;
      return { valid, brand, fee, total: Math.round((amount + fee) * 100) / 100 };
    },
  },
});
