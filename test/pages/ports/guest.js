import { connectToHost } from '/dist/guest.mjs';
import { acceptPorts, connectPort, transfer } from '/dist/index.mjs';
import { contacts, contract, echo } from './contract.js';

const params = new URLSearchParams(location.search);
const settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );
window.links = [];

/** The other end of a grant, used `calls` times here or in a worker of this origin. */
async function useContacts(port, calls) {
  const link = await connectPort(port, { contract: contacts, as: 'guest' });
  window.links.push(link);
  const outcomes = [];
  for (let n = 0; n < calls; n += 1) {
    const { value, code } = await settle(link.remote.addContact({ name: `friend ${n}` }));
    outcomes.push(code ?? value);
  }
  return outcomes;
}

function inWorker(port, calls) {
  const worker = new Worker('./worker.js');
  return new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      worker.terminate();
      resolve(data);
    };
    worker.postMessage({ calls }, [port]);
  });
}

// Introductions: this widget takes a line named "line", on the side the test asks for.
const side = params.get('as') ?? 'guest';
window.lines = 0;
// The latest line, kept here even once it has ended (`host.ports` lists only live ones).
window.lineCall = (text) => settle(window.line.remote.echo(text));
window.dropLine = () => {
  window.line.destroy();
  window.line = undefined;
};
/** `count` calls at once on the held grant; the code or value of each. */
window.callHeld = (count) =>
  Promise.all(Array.from({ length: count }, (_, n) => settle(window.held.remote.addContact({ name: `held ${n}` })))).then((all) =>
    all.map(({ value, code }) => code ?? value),
  );

window.connection = settle(
  connectToHost({
    allowedOrigins: [params.get('allowed')],
    contract,
    // ?plain: a widget that takes no ports at all, though its contract declares some.
    ports: params.has('plain')
      ? undefined
      : acceptPorts({
          // A bucket for the test's burst of 100 calls (the default takes 100 at once, less the handshake).
          line: {
            contract: echo,
            as: side,
            rateLimit: { burst: 500, perSecond: 500 },
            // "hang" is never answered: a call in flight when this widget reloads.
            ...(side === 'guest'
              ? { methods: { echo: (text) => (text === 'hang' ? new Promise(() => {}) : `${location.origin} echoes ${text}`) } }
              : {}),
          },
        }),
    methods: {
      takeEcho: async ({ port }) => {
        window.links.push(await connectPort(port, { contract: echo, as: 'guest', methods: { echo: (text) => `echo: ${text}` } }));
        return 'ok';
      },
      byteLength: ({ buffer }) => buffer.byteLength,
      makeBuffer: (size) => {
        const buffer = new ArrayBuffer(size);
        window.madeBuffer = buffer;
        return transfer(buffer, [buffer]);
      },
      openEcho: async () => {
        const { port1, port2 } = new MessageChannel();
        window.links.push(await connectPort(port1, { contract: echo, as: 'guest', methods: { echo: (text) => `echo: ${text}` } }));
        return transfer({ port: port2 }, [port2]);
      },
      plain: () => 'ok',
      takeContacts: ({ port, calls, forward }) => (forward ? inWorker(port, calls) : useContacts(port, calls)),
      // The widget calls first, before the shop listens on the other end.
      callEarly: async ({ port }) => {
        const link = await connectPort(port, { contract: echo, as: 'host' });
        window.links.push(link);
        window.early = settle(link.remote.echo('from the widget'));
        return 'ok';
      },
      holdContacts: async ({ port }) => {
        window.held = await connectPort(port, { contract: contacts, as: 'guest' });
        return 'ok';
      },
    },
  }).then((host) => {
    window.host = host;
    host.on('introduced', ({ link }) => {
      window.line = link;
      window.lines += 1;
    });
    return host.hostOrigin;
  }),
);
