import { z } from 'zod';
import { defineContract, isMessagePort } from '/dist/index.mjs';

const port = z.custom(isMessagePort, 'a MessagePort');

// The widget link: what the shop and the widget say to each other to hand ports around.
export const contract = defineContract({
  host: {},
  guest: {
    takeEcho: { input: z.object({ port }), output: z.literal('ok') },
    byteLength: { input: z.object({ buffer: z.instanceof(ArrayBuffer) }), output: z.number() },
    makeBuffer: { input: z.number(), output: z.instanceof(ArrayBuffer) },
    openEcho: { input: z.undefined(), output: z.object({ port }) },
    plain: { input: z.object({ note: z.string() }), output: z.literal('ok') },
    takeContacts: { input: z.object({ port, calls: z.number(), forward: z.boolean() }), output: z.array(z.string()) },
    holdContacts: { input: z.object({ port }), output: z.literal('ok') },
    callEarly: { input: z.object({ port }), output: z.literal('ok') },
  },
});

// What travels over the handed ports.
export const echo = defineContract({
  host: {},
  guest: { echo: { input: z.string(), output: z.string() } },
});

export const contacts = defineContract({
  host: { addContact: { input: z.object({ name: z.string() }), output: z.literal('added') } },
  guest: {},
});
