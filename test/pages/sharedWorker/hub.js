/* global importScripts, SharedWorkerGlobalScope */
// The hub, on the script-tag build: a SharedWorker, or (SharedWorker hidden) the dedicated
// worker a leader tab runs. ?mode=slow serves half a second late: calls made before then wait.
importScripts('/dist/worker.iife.js', './contract.js');
const { serveSharedWorker, defineContract } = self.FrameportWorker;

if (new URLSearchParams(self.location.search).get('mode') === 'slow') {
  const started = Date.now();
  while (Date.now() - started < 500);
}
// What the hub saw, in order: each tab's id once when it connected, once when it went, and why
// it refused what came before any link.
const log = { connected: [], disconnected: [], refusedBeforeLink: [] };
const hub = serveSharedWorker({
  contract: self.makeHubContract(defineContract),
  methods: {
    echo: (text) => `echo: ${text}`,
    whoami: (_, caller) => caller.id,
    kind: () => (typeof SharedWorkerGlobalScope === 'function' ? 'shared' : 'dedicated'),
    peers: () => hub.peers().map((peer) => peer.id),
    labels: async () => {
      const outcomes = await hub.callAll('label');
      return [...outcomes.values()].map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason.code)).sort();
    },
    // Calls a tab's method that never answers: settles only when that tab goes.
    stallPeer: (id) =>
      hub
        .peer(id)
        .remote.stall()
        .then(
          () => 'resolved',
          (error) => error.code,
        ),
    log: () => log,
    hubStats: () => hub.stats(),
    hang: () => new Promise(() => undefined),
    // Ends the worker after this call's reply is out, as a worker that stops would: no word to anyone.
    stopHub: () => {
      setTimeout(() => self.close(), 50);
      return 'stopping';
    },
  },
  onConnect: (peer) => log.connected.push(peer.id),
  onDisconnect: (peer) => log.disconnected.push(peer.id),
});
hub.on('refused', (refusal) => refusal.peer === undefined && log.refusedBeforeLink.push(refusal.message));
