import { connectToHost } from '/dist/guest.mjs';

// A widget as a partner writes one, with the debug switch on; `allowed` and `handshakeTimeout` from the query.
const params = new URLSearchParams(location.search);
window.connection = connectToHost({
  allowedOrigins: params.getAll('allowed'),
  handshakeTimeout: Number(params.get('handshakeTimeout') ?? 60_000),
  debug: true,
}).then(
  (host) => ({ value: host.hostOrigin }),
  (error) => ({ code: error.code, message: error.message }),
);
