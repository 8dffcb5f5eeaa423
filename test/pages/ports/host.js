import { mountWidget } from '/dist/host.mjs';
import { connectPort, grant, transfer } from '/dist/index.mjs';
import { contacts, contract, echo } from './contract.js';

// Test hooks, on one object: a shop that hands its widget ports, buffers and grants.
const ports = {
  settle: (promise) =>
    promise.then(
      (value) => ({ value }),
      (error) => ({ code: error.code, message: error.message }),
    ),
  added: [],
  connectPort,
  transfer,
  contacts,
  echo,
  mount(src) {
    ports.widget = mountWidget({ container: document.body, title: 'ports widget', src, contract });
    return ports.widget.ready;
  },
  contactsGrant: (options) =>
    grant({ contract: contacts, as: 'host', methods: { addContact: ({ name }) => (ports.added.push(name), 'added') }, ...options }),
};
window.ports = ports;
