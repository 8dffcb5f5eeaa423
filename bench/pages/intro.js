import { connectToHost } from '/dist/guest.mjs';
import { acceptPorts } from '/dist/index.mjs';
import { introContract, lineContract } from './contract.js';
import { host, params } from './common.js';

// A widget the host introduces to another ("a" calls on the line, "b" serves it), and the
// floor beside it: a bare MessagePort between the same two frames, handed over outside frameport.
const side = params.get('side');
const unlimited = { burst: 1e9, perSecond: 1e9 };
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
let line;
let bare;
const waiting = new Map();

addEventListener('message', (event) => {
  if (event.origin !== host || event.source !== parent) return;
  // The floor of an introduction, by hand on a bare port from the page: a fresh channel's end
  // arrives on it and is taken into use as frameport takes a line (the old one told and closed,
  // the new one listened to and written on), and the page is answered.
  if (event.data?.benchHost === true) {
    const [fromPage] = event.ports;
    let previous;
    fromPage.onmessage = ({ ports: [end] }) => {
      previous?.postMessage('bye');
      previous?.close();
      previous = end;
      end.onmessage = () => undefined;
      end.postMessage('hello');
      fromPage.postMessage(side);
    };
    return;
  }
  if (event.data?.benchBare !== true) return;
  bare = event.ports[0];
  if (side === 'b') bare.onmessage = ({ data }) => bare.postMessage(data);
  else bare.onmessage = ({ data }) => waiting.get(data.id)?.(data.n);
});

const viaBare = (n) =>
  new Promise((resolve) => {
    waiting.set(n, resolve);
    bare.postMessage({ id: n, n });
  });

const connection = await connectToHost({
  allowedOrigins: [host],
  contract: introContract,
  rateLimit: unlimited,
  callTimeout: false,
  autoResize: false,
  ports: acceptPorts({
    line: {
      contract: lineContract,
      as: side === 'a' ? 'host' : 'guest',
      rateLimit: unlimited,
      ...(side === 'b' ? { methods: { echo: ({ n }) => n } } : {}),
    },
  }),
  methods: {
    echo: ({ n }) => n,
    // The introduction's notice came before this call on the same port: `line` is the new one.
    lineReady: () => line.ready.then(() => 'ok'),
    // One call over the line, once it is open: the first answer b gives a.
    lineCall: () => line.ready.then(() => line.remote.echo({ n: 1 })),
    /** Round trip on the line and on the bare port, taking turns round by round; medians in ms. */
    async compare({ sequential, rounds }) {
      const trips = { line: [], bare: [] };
      const subjects = { line: (n) => line.remote.echo({ n }), bare: viaBare };
      for (const name of ['line', 'bare']) for (let n = 0; n < 300; n += 1) await subjects[name](n);
      for (let round = 0; round < rounds; round += 1) {
        for (const name of round % 2 ? ['line', 'bare'] : ['bare', 'line']) {
          const t = performance.now();
          for (let n = 0; n < sequential; n += 1) await subjects[name](n);
          trips[name].push((performance.now() - t) / sequential);
        }
      }
      return { line: median(trips.line), bare: median(trips.bare) };
    },
  },
});
connection.on('introduced', ({ link }) => (line = link));
