import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

/** A widget that takes a share the page received: the files arrive as File objects. */
export const handOff = defineContract({
  host: {},
  guest: {
    receiveShare: {
      input: z.object({
        title: z.string().max(300).optional(),
        text: z.string().max(5000).optional(),
        url: z.url({ protocol: /^https?$/ }).optional(),
        files: z.array(z.instanceof(File)).max(2),
      }),
      output: z.object({ title: z.string().optional(), files: z.array(z.string()) }),
    },
  },
});
