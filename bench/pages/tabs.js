import { createTabChannel } from '/dist/tabs.mjs';
import { z } from 'zod';

// Tab sync against a bare BroadcastChannel, tabs of one site in one browser context.
// role=driver times round trips; role=echo answers them and holds the states; role=late opens
// after both and times how long it takes to get every state (subject=raw or frameport).
const params = new URLSearchParams(location.search);
const role = params.get('role');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const item = z.object({ sku: z.string(), qty: z.number().int().min(1) });
const topics = {
  ping: { kind: 'event', schema: z.object({ n: z.number() }) },
  pong: { kind: 'event', schema: z.object({ n: z.number() }) },
  cart: { kind: 'state', schema: z.object({ items: z.array(item) }) },
  theme: { kind: 'state', schema: z.enum(['light', 'dark']) },
  user: { kind: 'state', schema: z.object({ id: z.string(), name: z.string() }).nullable() },
  locale: { kind: 'state', schema: z.string() },
  flags: { kind: 'state', schema: z.record(z.string(), z.boolean()) },
};
const states = {
  cart: {
    items: [
      { sku: 'A-1', qty: 2 },
      { sku: 'B-7', qty: 1 },
    ],
  },
  theme: 'dark',
  user: { id: 'u-42', name: 'Ada' },
  locale: 'fr-FR',
  flags: { beta: true, newCheckout: false },
};
const stateNames = Object.keys(states);
// The limiter runs (its cost is measured) but never refuses.
const options = { topics, rateLimit: { burst: 1e9, perSecond: 1e9 } };

if (role === 'echo' || role === 'driver') {
  const raw = new BroadcastChannel('bench-raw');
  const channel = createTabChannel('bench', options);
  if (role === 'echo') {
    // Answers after the listener returns: what a listener publishes itself stays in its tab.
    raw.onmessage = ({ data }) => {
      if (data.ping !== undefined) queueMicrotask(() => raw.postMessage({ pong: data.ping }));
      if (data.ask) raw.postMessage({ states });
    };
    channel.on('ping', (value) => queueMicrotask(() => channel.publish('pong', value)));
  } else {
    for (const name of stateNames) channel.publish(name, states[name]);
  }
  const subjects = {
    raw: () => {
      let waiting;
      raw.addEventListener('message', ({ data }) => data.pong !== undefined && waiting?.());
      return (n) => new Promise((resolve) => ((waiting = resolve), raw.postMessage({ ping: n })));
    },
    frameport: () => {
      let waiting;
      channel.on('pong', () => waiting?.());
      return (n) => new Promise((resolve) => ((waiting = resolve), channel.publish('ping', { n })));
    },
  };
  window.bench = {
    /** Half the median round trip to the other tab, batches of sequential trips, subjects taking turns. */
    async latency({ batch = 100, rounds = 21 } = {}) {
      const names = ['raw', 'frameport'];
      const send = Object.fromEntries(names.map((name) => [name, subjects[name]()]));
      const times = Object.fromEntries(names.map((name) => [name, []]));
      for (const name of names) for (let n = 0; n < 200; n += 1) await send[name](n);
      for (let round = 0; round < rounds; round += 1) {
        for (const name of round % 2 ? names : [...names].reverse()) {
          const t = performance.now();
          for (let n = 0; n < batch; n += 1) await send[name](n);
          times[name].push((performance.now() - t) / batch / 2);
        }
      }
      return Object.fromEntries(names.map((name) => [name, median(times[name])]));
    },
  };
  window.benchReady = true;
}

if (role === 'late') {
  // From the channel's creation to every state in hand.
  window.converged = new Promise((resolve) => {
    const t0 = performance.now();
    const done = () => resolve(performance.now() - t0);
    if (params.get('subject') === 'raw') {
      const raw = new BroadcastChannel('bench-raw');
      raw.onmessage = ({ data }) => data.states && stateNames.every((name) => name in data.states) && done();
      raw.postMessage({ ask: true });
    } else {
      const channel = createTabChannel('bench', options);
      for (const name of stateNames) channel.on(name, () => stateNames.every((each) => channel.get(each) !== undefined) && done());
    }
  });
  window.benchReady = true;
}
