import { connectToHost } from '/dist/guest.mjs';
import { contactsBook } from '/demo/contracts/contacts.js';
import { origins } from '/demo/origins.js';

// The shop's contacts service: it adds whom the shop asks it to. Who may ask the shop is the
// shop's business: here, a game holding a grant for one contact.
await connectToHost({
  allowedOrigins: [origins.shop],
  contract: contactsBook,
  methods: {
    addContact: ({ name }) => {
      const item = document.createElement('li');
      item.textContent = name;
      document.querySelector('#contacts').append(item);
      return 'added';
    },
  },
});
