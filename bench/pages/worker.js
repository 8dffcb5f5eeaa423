/* global importScripts */
// The bench worker, on the script-tag build. It serves frameport's link and, on ports of their
// own, the baselines: a bare echo, and the guide's hand-written pool protocol (INIT / TASK).
importScripts('/dist/worker.iife.js');
const { serveWorker, defineContract } = self.FrameportWorker;

// Passes anything: a classic worker gets no zod, and the figure is the link's cost, not a schema's.
const anything = { '~standard': { version: 1, vendor: 'bench', validate: (value) => ({ value }) } };
const contract = defineContract({
  host: {},
  guest: { echo: { input: anything, output: anything }, spin: { input: anything, output: anything } },
});
const spin = (n) => {
  let x = 0;
  for (let i = 0; i < n; i += 1) x = (x + i * i) % 1000003;
  return x;
};

// Registered first, and kept from serveWorker, which would refuse these and close their ports.
self.addEventListener('message', (event) => {
  const {
    data,
    ports: [port],
  } = event;
  if (!port || !(data?.bare || data?.type === 'INIT')) return;
  event.stopImmediatePropagation();
  if (data.bare) port.onmessage = ({ data: value }) => port.postMessage(value);
  else port.onmessage = ({ data: task }) => port.postMessage({ type: 'TASK_COMPLETE', taskId: task.taskId, result: spin(task.data) });
});
// The limiter runs (its cost is measured) but never refuses.
serveWorker({ contract, methods: { echo: (value) => value, spin }, rateLimit: { burst: 1e9, perSecond: 1e9 } });
