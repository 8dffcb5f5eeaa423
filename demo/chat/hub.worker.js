// The chat's SharedWorker: one conversation and one unread count for every tab of the shop that
// shows the chat (a cross-site frame's SharedWorker is keyed by the top-level site: this shop's
// tabs share it, another site embedding the chat would get its own). The demo server bundles it.
import { serveSharedWorker } from '../../dist/worker.mjs';
import { chatHub } from '../contracts/chatHub.js';

const messages = [];
let unread = 0;

const hub = serveSharedWorker({
  contract: chatHub,
  methods: {
    post: ({ text }) => {
      const mine = { from: 'me', text };
      messages.push(mine);
      hub.notifyAll('message', mine);
      // The local echo bot answers after a moment, like a real agent would, in every tab at once.
      setTimeout(() => {
        const reply = { from: 'bot', text: `Echo: ${text}` };
        messages.push(reply);
        unread += 1;
        hub.notifyAll('message', reply);
        hub.notifyAll('unread', { count: unread });
      }, 300);
      while (messages.length > 198) messages.shift();
    },
    read: () => {
      unread = 0;
      hub.notifyAll('unread', { count: unread });
    },
    history: () => ({ messages, unread }),
  },
});
