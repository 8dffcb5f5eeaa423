import { connectWorker, createWorkerPool, defineContract } from '/dist/worker.mjs';
import './contract.js';

const contract = globalThis.makeWorkerContract(defineContract);
const here = (file) => new URL(file, import.meta.url).href;

// Every worker made on this page, alive until terminated: the pool must leak none.
const made = { created: 0, terminated: 0 };
const track = (worker) => {
  made.created += 1;
  const terminate = worker.terminate.bind(worker);
  let done = false;
  worker.terminate = () => {
    if (!done) made.terminated += 1;
    done = true;
    terminate();
  };
  return worker;
};

window.workers = {
  contract,
  made,
  settle: (promise) =>
    promise.then(
      (value) => ({ value }),
      (error) => ({ code: error.code, message: error.message, cause: error.cause === undefined ? undefined : String(error.cause) }),
    ),
  classic: (mode = '') => track(new Worker(here(`./classic.js?mode=${mode}`))),
  module: () => track(new Worker(here('./module.mjs'), { type: 'module' })),
  hostile: (mode) => track(new Worker(here(`./hostile.js?mode=${mode}`))),
  missing: () => track(new Worker(here('./no-such-worker.js'))),
  connect: (worker, options = {}) => connectWorker(worker, { contract, methods: { greet: (name) => `hello, ${name}` }, ...options }),
  pool: (options) =>
    createWorkerPool({ contract, methods: { greet: (name) => `hello, ${name}` }, create: () => window.workers.classic(), ...options }),
};
