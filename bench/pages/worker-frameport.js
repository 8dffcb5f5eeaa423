// The frameport worker, bundled by bench/run.ts into built/worker-frameport.mjs.
import { z } from 'zod';
import { defineContract, serveWorker } from '../../dist/worker.mjs';
import { makeContract, rateLimit } from './worker-contract.js';
import './worker-work.js';

serveWorker({
  contract: makeContract(z, defineContract),
  methods: { echo: ({ n }) => n, work: ({ n }) => globalThis.work(n) },
  rateLimit,
});
