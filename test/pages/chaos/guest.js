import { connectToHost } from '/dist/guest.mjs';
import { contract } from './contract.js';
import { documentedCodes, seeded } from './random.js';

// A widget that calls its host's `mul` in pipelines for as long as it is connected, and
// tallies how each of its calls settled. Every document has its own tally: a reload or a
// navigation ends the document and its pending promises with it. A document that goes away
// leaves its tally in sessionStorage (shared by the guest's documents in this tab).
const params = new URLSearchParams(location.search);
const { sleep } = window.chaosTimers;
const documented = new Set(documentedCodes);
const documentNumber = Number(sessionStorage.getItem('chaos:documents') ?? 0) + 1;
sessionStorage.setItem('chaos:documents', String(documentNumber));
const random = seeded(Number(params.get('seed')) + documentNumber * 7919);

/** Call id → how many times its promise settled (through either callback). */
const settles = new Map();
const tally = { document: documentNumber, made: 0, values: 0, codes: {}, wrong: [], unexpected: [], handshake: 'pending' };
let connected = false;
let stopped = false;
let wake = () => undefined;

const summary = () => {
  const counts = [...settles.values()];
  return {
    ...tally,
    unsettled: counts.filter((count) => count === 0).length,
    settledTwice: counts.filter((count) => count > 1).length,
  };
};

function call(host) {
  const id = (tally.made += 1);
  const a = random.between(-1000, 1000);
  const b = random.between(-1000, 1000);
  settles.set(id, 0);
  const settled = () => settles.set(id, settles.get(id) + 1);
  return host.remote.mul({ a, b }).then(
    (value) => {
      settled();
      if (value === a * b) tally.values += 1;
      else tally.wrong.push(`mul(${a}, ${b}) = ${JSON.stringify(value)}`);
    },
    (error) => {
      settled();
      const code = error?.code;
      if (documented.has(code)) tally.codes[code] = (tally.codes[code] ?? 0) + 1;
      else tally.unexpected.push(`${code}: ${error?.message}`);
    },
  );
}

async function callWhileConnected(host) {
  while (!stopped) {
    if (!connected) {
      await new Promise((resolve) => (wake = resolve));
      continue;
    }
    const batch = [];
    const size = random.between(5, 30);
    for (let n = 0; n < size && !stopped; n += 1) {
      batch.push(call(host));
      if (random.next() < 0.1) await sleep(0);
    }
    await Promise.all(batch);
  }
}

let connection;
window.chaosGuest = {
  document: documentNumber,
  /** Stops calling; waits (at most `within` ms) for the calls still pending, then reports. */
  async stop(within) {
    stopped = true;
    wake();
    const until = performance.now() + within;
    while (summary().unsettled > 0 && performance.now() < until) await sleep(20);
    return summary();
  },
  /** The tallies the documents before this one left behind. */
  earlier: () =>
    Object.keys(sessionStorage)
      .filter((key) => key.startsWith('chaos:tally:'))
      .map((key) => JSON.parse(sessionStorage.getItem(key))),
  destroy: () => connection?.destroy(),
};
addEventListener('pagehide', () => sessionStorage.setItem(`chaos:tally:${documentNumber}`, JSON.stringify(summary())));

connectToHost({
  allowedOrigins: [params.get('allowed')],
  contract,
  rateLimit: false,
  callTimeout: Number(params.get('callTimeout')),
  methods: {
    add: ({ a, b }) => a + b,
    reload: ({ delay }) => void sleep(delay).then(() => location.reload()),
    navigate: ({ to, delay }) => void sleep(delay).then(() => location.assign(to)),
  },
}).then(
  (host) => {
    connection = host;
    tally.handshake = 'connected';
    connected = true;
    host.on('connect', () => {
      connected = true;
      wake();
    });
    host.on('disconnect', () => (connected = false));
    void callWhileConnected(host);
  },
  (error) => (tally.handshake = error?.code),
);
