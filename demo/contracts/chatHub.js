import { z } from 'zod';
// Relative, not /dist/...: the hub worker is bundled from this file (import maps do not reach workers).
import { defineContract } from '../../dist/index.mjs';

/**
 * The chat widget's frames (one per tab of the shop) and the SharedWorker they share: one
 * conversation and one unread count per browser, however many tabs are open.
 */
export const chatHub = defineContract({
  host: {
    message: { input: z.object({ from: z.enum(['me', 'bot']), text: z.string().max(500) }) },
    unread: { input: z.object({ count: z.number().int().min(0).max(999) }) },
  },
  guest: {
    post: { input: z.object({ text: z.string().min(1).max(500) }) },
    read: { input: z.undefined() },
    history: {
      input: z.undefined(),
      output: z.object({
        messages: z.array(z.object({ from: z.enum(['me', 'bot']), text: z.string() })).max(200),
        unread: z.number(),
      }),
    },
  },
});
