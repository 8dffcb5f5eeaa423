import { connectToHost } from '/dist/guest.mjs';
import { acceptPorts, connectPort } from '/dist/index.mjs';
import { addContact, game } from '/demo/contracts/contacts.js';
import { origins } from '/demo/origins.js';

const $ = (selector) => document.querySelector(selector);
let contacts;

const show = (text, className) => {
  const item = document.createElement('li');
  item.className = className;
  item.textContent = text;
  $('#invites').append(item);
};

await connectToHost({
  allowedOrigins: [origins.shop],
  contract: game,
  // This widget takes ports: the one its contract declares in takeContacts.
  ports: acceptPorts(),
  methods: {
    takeContacts: async ({ port }) => {
      contacts = await connectPort(port, { contract: addContact, as: 'guest' });
      $('#grant').textContent = 'The shop lets this game add a contact.';
      $('#invite').disabled = false;
      return 'ok';
    },
  },
});

// A greedy game: it tries to add two contacts at once. The grant is for one: the serving end
// (the shop) lets the first through and refuses the second with EXHAUSTED.
$('#invite').addEventListener('click', async () => {
  const outcomes = await Promise.allSettled(['Ada', 'Bob'].map((name) => contacts.remote.addContact({ name })));
  for (const [index, outcome] of outcomes.entries()) {
    const name = ['Ada', 'Bob'][index];
    if (outcome.status === 'fulfilled') show(`${name}: added to your contacts`, 'me');
    else show(`${name}: refused (${outcome.reason.code})`, 'bot');
  }
});
