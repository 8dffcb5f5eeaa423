import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

// A realistic small contract: every call is validated on the way in and on the way back.
export const contract = defineContract({
  host: { ping: { input: z.object({ n: z.number() }), output: z.number() } },
  guest: { echo: { input: z.object({ n: z.number() }), output: z.number() } },
});
