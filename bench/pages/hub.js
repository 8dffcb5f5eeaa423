/* global importScripts */
// The bench's SharedWorker hub, on the script-tag build: one `echo` for every tab.
importScripts('/dist/worker.iife.js');
const { serveSharedWorker, defineContract } = self.FrameportWorker;

const anything = { '~standard': { version: 1, vendor: 'bench', validate: (value) => ({ value }) } };
const contract = defineContract({ host: {}, guest: { echo: { input: anything, output: anything } } });
// The limiter runs (its cost is measured) but never refuses.
serveSharedWorker({ contract, methods: { echo: (value) => value }, rateLimit: { burst: 1e9, perSecond: 1e9 } });
