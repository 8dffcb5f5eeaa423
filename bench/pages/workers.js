import { connectSharedWorker, connectWorker, createWorkerPool, defineContract } from '/dist/worker.mjs';

// frameport/worker against what it wraps, in the same page: one worker's round trip against a
// bare echo on a port to the same worker, and a pool on CPU-bound tasks against the guide's
// hand-written WorkerPool (its bugs fixed: callbacks kept from the start, nothing else added).
const anything = { '~standard': { version: 1, vendor: 'bench', validate: (value) => ({ value }) } };
const contract = defineContract({
  host: {},
  guest: { echo: { input: anything, output: anything }, spin: { input: anything, output: anything } },
});
const workerUrl = new URL('./worker.js', import.meta.url);
const limiter = { burst: 1e9, perSecond: 1e9 };
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** The guide's WorkerPool (section 6), as written there but for the callbacks map it forgot to create. */
class HandPool {
  constructor(size) {
    this.workers = [];
    this.channels = [];
    this.taskQueue = [];
    this.busyWorkers = new Set();
    this.callbacks = new Map();
    this.nextId = 0;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerUrl);
      const channel = new MessageChannel();
      worker.postMessage({ type: 'INIT', workerId: i }, [channel.port2]);
      channel.port1.onmessage = (event) => this.handleWorkerMessage(i, event.data);
      this.workers.push(worker);
      this.channels.push(channel);
    }
  }
  handleWorkerMessage(workerId, data) {
    if (data.type === 'TASK_COMPLETE') {
      this.busyWorkers.delete(workerId);
      this.callbacks.get(data.taskId)?.(data.result);
      this.callbacks.delete(data.taskId);
      this.processNextTask();
    }
  }
  executeTask(taskData) {
    return new Promise((resolve) => {
      const taskId = (this.nextId += 1);
      this.taskQueue.push({ id: taskId, data: taskData });
      this.callbacks.set(taskId, resolve);
      this.processNextTask();
    });
  }
  processNextTask() {
    if (this.taskQueue.length === 0) return;
    const free = this.workers.findIndex((_, index) => !this.busyWorkers.has(index));
    if (free === -1) return;
    const task = this.taskQueue.shift();
    this.busyWorkers.add(free);
    this.channels[free].port1.postMessage({ type: 'TASK', taskId: task.id, data: task.data });
  }
  terminate() {
    this.workers.forEach((worker) => worker.terminate());
    this.channels.forEach((channel) => channel.port1.close());
  }
}

window.bench = {
  /** Milliseconds per sequential round trip, median of rounds, subjects alternating. */
  async roundTrip(rounds = 15, count = 500) {
    const worker = new Worker(workerUrl);
    const link = connectWorker(worker, { contract, rateLimit: limiter });
    await link.ready;
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ bare: true }, [port2]);
    let waiting;
    port1.onmessage = ({ data }) => waiting(data);
    const subjects = {
      bare: (value) => new Promise((resolve) => ((waiting = resolve), port1.postMessage(value))),
      frameport: (value) => link.remote.echo(value),
    };
    const times = { bare: [], frameport: [] };
    const payload = { id: 42, items: ['a', 'b', 'c'] };
    for (let round = 0; round < rounds; round += 1) {
      for (const name of round % 2 ? ['bare', 'frameport'] : ['frameport', 'bare']) {
        const t0 = performance.now();
        for (let n = 0; n < count; n += 1) await subjects[name](payload);
        times[name].push((performance.now() - t0) / count);
      }
    }
    link.destroy();
    return { bare: median(times.bare), frameport: median(times.frameport) };
  },

  /** The same for a SharedWorker hub's call, against a bare echo on another SharedWorker's port. */
  async hubRoundTrip(rounds = 15, count = 500) {
    const link = connectSharedWorker(new URL('./hub.js', import.meta.url), {
      contract: defineContract({ host: {}, guest: { echo: { input: anything, output: anything } } }),
      rateLimit: limiter,
    });
    await link.ready;
    const bare = new SharedWorker(new URL('./bare-hub.js', import.meta.url)).port;
    let waiting;
    bare.onmessage = ({ data }) => waiting(data);
    const subjects = {
      bare: (value) => new Promise((resolve) => ((waiting = resolve), bare.postMessage(value))),
      frameport: (value) => link.remote.echo(value),
    };
    const times = { bare: [], frameport: [] };
    const payload = { id: 42, items: ['a', 'b', 'c'] };
    for (let round = 0; round < rounds; round += 1) {
      for (const name of round % 2 ? ['bare', 'frameport'] : ['frameport', 'bare']) {
        const t0 = performance.now();
        for (let n = 0; n < count; n += 1) await subjects[name](payload);
        times[name].push((performance.now() - t0) / count);
      }
    }
    link.destroy();
    bare.close();
    return { bare: median(times.bare), frameport: median(times.frameport) };
  },

  /** CPU-bound tasks per second through a pool of `size` workers, median of rounds, subjects alternating. */
  async pool(rounds = 5, tasks = 200, size = 2, work = 300_000) {
    const frameport = createWorkerPool({ contract, size, create: () => new Worker(workerUrl) });
    const hand = new HandPool(size);
    const subjects = {
      hand: (n) => hand.executeTask(n),
      frameport: (n) => frameport.remote.spin(n),
    };
    // Warm both: workers started and compiled before anything is timed.
    await Promise.all([...Array(size * 2)].flatMap(() => [subjects.hand(1000), subjects.frameport(1000)]));
    const rates = { hand: [], frameport: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (const name of round % 2 ? ['hand', 'frameport'] : ['frameport', 'hand']) {
        const t0 = performance.now();
        await Promise.all(Array.from({ length: tasks }, () => subjects[name](work)));
        rates[name].push(tasks / ((performance.now() - t0) / 1000));
      }
    }
    frameport.destroy();
    hand.terminate();
    return { hand: median(rates.hand), frameport: median(rates.frameport) };
  },
};
window.benchReady = true;
