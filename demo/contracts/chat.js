import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

/** The chat widget tells the shop who signed in and how many replies are unread. */
export const chat = defineContract({
  host: {
    signedIn: { input: z.object({ name: z.string().min(1).max(80) }) },
    unreadChanged: { input: z.object({ count: z.number().int().min(0).max(999) }) },
  },
  guest: {},
});
