import { introduce, mountWidget } from '/dist/host.mjs';
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
  widgets: {},
  /** A widget by name; a long heartbeat, so that the page sends nothing on its own while a test counts. */
  mountNamed(name, src) {
    ports.widgets[name] = mountWidget({ container: document.body, title: name, src, contract, heartbeatInterval: 60_000 });
    return ports.widgets[name].ready;
  },
  introduce,
  /** Every postMessage a MessagePort of this page makes, from now on. */
  countPosts() {
    const post = MessagePort.prototype.postMessage;
    ports.posts = 0;
    MessagePort.prototype.postMessage = function (...args) {
      ports.posts += 1;
      return post.apply(this, args);
    };
  },
  contactsGrant: (options) =>
    grant({ contract: contacts, as: 'host', methods: { addContact: ({ name }) => (ports.added.push(name), 'added') }, ...options }),
};
window.ports = ports;
