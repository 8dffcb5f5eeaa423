// A module worker, as a bundler emits one: frameport bundled in (built in the test's setup from
// dist/worker.mjs with penpal, since import maps do not reach workers).
import { defineContract, serveWorker } from './built/frameport-worker.mjs';
import './contract.js';
import './methods.js';

const served = {};
served.link = serveWorker({
  contract: globalThis.makeWorkerContract(defineContract),
  methods: globalThis.makeWorkerMethods(served),
  rateLimit: false,
});
