import { mountWidget } from '/dist/host.mjs';
import { contract } from './contract.js';

// Test hooks: every widget mounted here logs its events and counts what its handlers ran.
window.log = [];
window.handled = { greet: 0, record: 0, echo: 0 };
window.mount = (options) => {
  const widget = mountWidget({
    container: document.body,
    title: 'test widget',
    contract,
    methods: {
      greet: ({ name }) => {
        window.handled.greet += 1;
        return { text: `hello ${name}` };
      },
      record: () => {
        window.handled.record += 1;
      },
      echo: (value) => {
        window.handled.echo += 1;
        return value;
      },
    },
    ...options,
  });
  for (const event of ['connect', 'disconnect', 'error', 'refused', 'resize']) {
    widget.on(event, (payload) => {
      const detail = {
        error: payload.code,
        refused: payload.reason,
        disconnect: payload.code,
        connect: payload.origin,
        resize: payload.height,
      }[event];
      window.log.push(`${event}:${detail}`);
    });
  }
  window.widget = widget;
  return widget;
};
/** Settles a promise into something Playwright can carry: the value or the error's code. */
window.settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );
window.ready = true;
