import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

/** All the shop lets the promo partner do: show one short offer line. */
export const promo = defineContract({
  host: { showOffer: { input: z.object({ text: z.string().min(1).max(80) }) } },
  guest: {},
});
