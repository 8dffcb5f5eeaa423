import { z } from 'zod';
// Relative, not /dist/...: the card worker is bundled from this file (import maps do not reach workers).
import { defineContract } from '../../dist/index.mjs';

/** What the payment widget asks of its card workers: off the main thread, every input checked. */
export const card = defineContract({
  host: {},
  guest: {
    quote: {
      input: z.object({
        number: z.string().max(32),
        amount: z.number().positive().max(100_000),
        currency: z.enum(['EUR', 'USD']),
      }),
      output: z.object({
        valid: z.boolean(),
        brand: z.enum(['Visa', 'Mastercard', 'Amex', 'Card']),
        fee: z.number().nonnegative(),
        total: z.number().nonnegative(),
      }),
    },
  },
});
