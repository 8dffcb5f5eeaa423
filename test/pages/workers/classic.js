/* global importScripts */
// A classic worker on the script-tag build. ?mode= makes it misbehave in one way.
importScripts('/dist/worker.iife.js', './contract.js', './methods.js');
const mode = new URLSearchParams(self.location.search).get('mode');
const { serveWorker, defineContract } = self.FrameportWorker;

if (mode === 'throw-top') throw new Error('top-level failure');
if (mode === 'post-self') for (let n = 0; n < 5; n += 1) self.postMessage({ frameport: 'frameport/1', type: 'reply', garbage: n });
if (mode === 'slow') {
  // Serves half a second late: calls made before then wait.
  const started = Date.now();
  while (Date.now() - started < 500);
}
const served = {};
served.link = serveWorker({ contract: self.makeWorkerContract(defineContract), methods: self.makeWorkerMethods(served), rateLimit: false });
