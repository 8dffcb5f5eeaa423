import '/dist/element.mjs';
import { contract } from '../connection/contract.js';

// Test hooks: each <frameport-widget> made here logs its DOM events into window.log.
window.log = [];
window.settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );
window.create = ({ src, origin }) => {
  const element = document.createElement('frameport-widget');
  element.setAttribute('src', src);
  element.setAttribute('title', 'test widget');
  if (origin) element.setAttribute('origin', origin);
  // Properties first, then append: the element mounts in the microtask after it connects.
  element.contract = contract;
  element.methods = { greet: ({ name }) => ({ text: `hello ${name}` }), record: () => undefined, echo: (value) => value };
  for (const event of ['ready', 'connect', 'disconnect', 'refused', 'error']) {
    element.addEventListener(event, ({ detail }) => {
      const about = { connect: detail?.origin, disconnect: detail?.code, refused: detail?.reason, error: detail?.code }[event];
      window.log.push(about === undefined ? event : `${event}:${about}`);
    });
  }
  element.addEventListener('resize', () => (window.resized = true));
  document.querySelector('#a').append(element);
  window.element = element;
  return element;
};
window.ready = true;
