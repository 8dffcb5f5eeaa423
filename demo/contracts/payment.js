import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

/** What the shop and the payment widget may ask of each other. */
export const payment = defineContract({
  host: {
    paymentCompleted: {
      input: z.object({
        paymentId: z.string().max(64),
        amount: z.number().positive(),
        currency: z.enum(['EUR', 'USD']),
        last4: z.string().regex(/^\d{4}$/),
      }),
    },
  },
  guest: {
    setAmount: {
      input: z.object({ amount: z.number().positive().max(100_000), currency: z.enum(['EUR', 'USD']) }),
      output: z.literal('ok'),
    },
  },
});
