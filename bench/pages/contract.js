import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

// A realistic small contract: every call is validated on the way in and on the way back.
export const contract = defineContract({
  host: { ping: { input: z.object({ n: z.number() }), output: z.number() } },
  guest: { echo: { input: z.object({ n: z.number() }), output: z.number() } },
});

// Two widgets the host introduces: the widget link measures, the line echoes.
export const introContract = defineContract({
  host: {},
  guest: {
    echo: { input: z.object({ n: z.number() }), output: z.number() },
    lineReady: { input: z.undefined(), output: z.literal('ok') },
    lineCall: { input: z.undefined(), output: z.number() },
    compare: {
      input: z.object({ sequential: z.number(), rounds: z.number() }),
      output: z.object({ line: z.number(), bare: z.number() }),
    },
  },
});

export const lineContract = defineContract({
  host: {},
  guest: { echo: { input: z.object({ n: z.number() }), output: z.number() } },
});
