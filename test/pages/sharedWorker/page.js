import { connectSharedWorker, defineContract, serveSharedWorker } from '/dist/worker.mjs';
import './contract.js';

// One tab of the hub: ?label= names it, ?mode= goes to the hub's URL (every tab of a test uses
// the same), ?early=1 calls the hub the moment the link is made, ?missing=1 joins a hub whose
// script is not there.
const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const script = params.has('missing') ? './no-such-hub.js' : './hub.js';
const hubUrl = new URL(mode ? `${script}?mode=${mode}` : script, import.meta.url);
const settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );

const hub = {
  ready: false,
  stalls: 0,
  restored: 0,
  settle,
  api: { connectSharedWorker, serveSharedWorker, defineContract },
  sharedWorker: typeof SharedWorker,
  link: connectSharedWorker(hubUrl, {
    contract: globalThis.makeHubContract(defineContract),
    methods: {
      label: () => params.get('label') ?? '',
      stall: () => {
        hub.stalls += 1;
        return new Promise(() => undefined);
      },
    },
  }),
};
if (params.has('early')) hub.early = settle(hub.link.remote.echo('early'));
hub.link.ready.then(() => (hub.ready = true));
// Shown again from the back/forward cache: the test waits for this, not for a load.
addEventListener('pageshow', (event) => event.persisted && (hub.restored += 1));
window.hub = hub;
