import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

/**
 * The line the shop introduces between the chat (host side) and the payment widget (guest
 * side): the chat asks how the order's payment stands, straight from the payment widget.
 */
export const orderStatus = defineContract({
  host: {},
  guest: {
    status: {
      input: z.undefined(),
      output: z.object({
        state: z.enum(['waiting', 'due', 'paid']),
        amount: z.number().optional(),
        currency: z.enum(['EUR', 'USD']).optional(),
      }),
    },
  },
});
