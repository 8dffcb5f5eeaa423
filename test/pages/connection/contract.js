import { z } from 'zod';
import * as zm from 'zod/mini';
import { defineContract } from '/dist/index.mjs';

// The contract both test pages import, as a shop and its widget vendor would share it.
export const contract = defineContract({
  host: {
    greet: { input: z.object({ name: z.string() }), output: z.object({ text: z.string() }) },
    record: { input: z.object({ n: z.number() }) },
    echo: { input: z.unknown() },
  },
  guest: {
    add: { input: zm.object({ a: zm.number(), b: zm.number() }), output: zm.number() },
    slow: { input: z.undefined() },
    badOutput: { input: z.undefined(), output: z.number() },
    whoami: { input: z.undefined(), output: z.object({ origin: z.string(), loads: z.number() }) },
  },
});
