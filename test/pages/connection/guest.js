import { connectToHost } from '/dist/guest.mjs';
import { contract } from './contract.js';

const params = new URLSearchParams(location.search);
const loads = Number(sessionStorage.getItem('loads') ?? 0) + 1;
sessionStorage.setItem('loads', String(loads));
window.settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );

// For tests that start a connection of their own from this document, or abort this one.
window.connectToHost = connectToHost;
const controller = new AbortController();
window.abort = () => controller.abort();
window.connection = window.settle(
  connectToHost({
    allowedOrigins: params.getAll('allowed'),
    contract,
    handshakeTimeout: Number(params.get('handshakeTimeout') ?? 10_000),
    rateLimit: false,
    signal: controller.signal,
    methods: {
      add: ({ a, b }) => a + b,
      slow: () => new Promise(() => {}),
      badOutput: () => 'not a number',
      whoami: () => ({ origin: location.origin, loads }),
    },
  }).then((host) => {
    window.host = host;
    return host.hostOrigin;
  }),
);
