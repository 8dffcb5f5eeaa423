import { z } from 'zod';
import { defineContract, isMessagePort } from '/dist/index.mjs';

const name = z.string().trim().min(1).max(80);

/** The shop's contacts service, in a frame of its own: the shop adds a contact, the widget lists them. */
export const contactsBook = defineContract({
  host: {},
  guest: { addContact: { input: z.object({ name }), output: z.literal('added') } },
});

/** What the shop grants the game: adding a contact, and nothing else (the grant says how many). */
export const addContact = defineContract({
  host: { addContact: { input: z.object({ name }), output: z.literal('added') } },
  guest: {},
});

/** The game widget takes the capability the shop hands it: a port, declared as one. */
export const game = defineContract({
  host: {},
  guest: { takeContacts: { input: z.object({ port: z.custom(isMessagePort, 'a MessagePort') }), output: z.literal('ok') } },
});
