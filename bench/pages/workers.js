import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';
import { connectSharedWorker, connectWorker, createWorkerPool } from '/dist/worker.mjs';
import { connect, WorkerMessenger } from 'penpal';
import { makeContract } from './worker-contract.js';

// frameport/worker against what it wraps, in one page: a bare postMessage echo to a worker,
// the guide's hand-written WorkerPool (§6 of the communication guide) and workerpool.
const contract = makeContract(z, defineContract);
const frameportWorker = () => new Worker('/bench/pages/built/worker-frameport.mjs', { type: 'module' });
const bareWorker = () => new Worker('/bench/pages/worker-bare.js');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The guide's pool as written, minus its console.log per task (it would dominate the figure) and
 * one bug: its task id, `Date.now() + Math.random()`, is a double near 1.8e12 whose last bit is
 * worth about 2.4e-4, so tasks queued in the same millisecond get one of only ~4,000 ids; with
 * 200 queued at once two share an id nearly every time, one callback overwrites the other and a
 * task never settles (measured: 199 of 200). A counter here.
 */
class GuideWorkerPool {
  constructor(scriptUrl, size) {
    this.workers = [];
    this.channels = [];
    this.taskQueue = [];
    this.busyWorkers = new Set();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(scriptUrl);
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
      if (data.taskId && this.callbacks.has(data.taskId)) {
        this.callbacks.get(data.taskId)(data.result);
        this.callbacks.delete(data.taskId);
      }
      this.processNextTask();
    }
  }
  async executeTask(taskData) {
    return new Promise((resolve) => {
      const taskId = (this.nextId = (this.nextId ?? 0) + 1);
      this.taskQueue.push({ id: taskId, data: taskData, callback: resolve });
      this.callbacks = this.callbacks || new Map();
      this.callbacks.set(taskId, resolve);
      this.processNextTask();
    });
  }
  processNextTask() {
    if (this.taskQueue.length === 0) return;
    const availableWorker = this.workers.findIndex((_, index) => !this.busyWorkers.has(index));
    if (availableWorker === -1) return;
    const task = this.taskQueue.shift();
    this.busyWorkers.add(availableWorker);
    this.channels[availableWorker].port1.postMessage({ type: 'TASK', taskId: task.id, data: task.data });
  }
  terminate() {
    this.workers.forEach((worker) => worker.terminate());
    this.channels.forEach((channel) => channel.port1.close());
  }
}

/** Milliseconds per sequential call, the median of `rounds` rounds, subjects alternating. */
async function roundTrips(subjects, { rounds = 9, calls = 300 } = {}) {
  const times = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    const names = Object.keys(subjects);
    for (const name of round % 2 ? names.reverse() : names) {
      const call = subjects[name];
      const start = performance.now();
      for (let n = 0; n < calls; n += 1) await call(n);
      times[name].push((performance.now() - start) / calls);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}

window.bench = {
  /** A call's round trip to one worker: frameport's link vs a bare postMessage echo and plain penpal. */
  async workerRoundTrip() {
    const bare = bareWorker();
    const echoBare = (n) =>
      new Promise((resolve) => {
        bare.onmessage = ({ data }) => resolve(data);
        bare.postMessage({ n });
      });
    const link = connectWorker(frameportWorker(), { contract });
    await link.ready;
    const penpalWorker = new Worker('/bench/pages/built/worker-penpal.mjs', { type: 'module' });
    const penpal = connect({ messenger: new WorkerMessenger({ worker: penpalWorker }) });
    const remote = await penpal.promise;
    const result = await roundTrips({ bare: echoBare, penpal: (n) => remote.echo({ n }), frameport: (n) => link.remote.echo({ n }) });
    bare.terminate();
    penpal.destroy();
    penpalWorker.terminate();
    link.destroy();
    return result;
  },

  /** A SharedWorker hub's call against a bare echo on another SharedWorker's port (both on the script-tag build's page). */
  async hubRoundTrip() {
    const anything = { '~standard': { version: 1, vendor: 'bench', validate: (value) => ({ value }) } };
    const link = connectSharedWorker('/bench/pages/hub.js', {
      contract: defineContract({ host: {}, guest: { echo: { input: anything, output: anything } } }),
      rateLimit: { burst: 1e9, perSecond: 1e9 },
    });
    await link.ready;
    const bare = new SharedWorker('/bench/pages/bare-hub.js').port;
    const echoBare = (n) =>
      new Promise((resolve) => {
        bare.onmessage = ({ data }) => resolve(data);
        bare.postMessage({ n });
      });
    const result = await roundTrips({ bare: echoBare, frameport: (n) => link.remote.echo({ n }) });
    link.destroy();
    bare.close();
    return result;
  },

  /** CPU-bound tasks per second through a pool of `size` workers, all three pools the same size. */
  async poolThroughput({ size = 2, tasks = 200, n = 400_000, rounds = 7 } = {}) {
    const guide = new GuideWorkerPool('/bench/pages/worker-bare.js', size);
    const frameport = createWorkerPool({ create: frameportWorker, size, contract });
    const wp = window.workerpool.pool('/bench/pages/worker-workerpool.js', { maxWorkers: size, minWorkers: size, workerType: 'web' });
    const subjects = {
      guide: () => guide.executeTask({ n }),
      frameport: () => frameport.remote.work({ n }),
      workerpool: () => wp.exec('work', [n]),
    };
    const rates = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
    // Warm up: workers started, code compiled, before anything is timed.
    for (const run of Object.values(subjects)) await Promise.all(Array.from({ length: size * 4 }, run));
    for (let round = 0; round < rounds; round += 1) {
      const names = Object.keys(subjects);
      for (const name of round % 2 ? names.reverse() : names) {
        const start = performance.now();
        await Promise.all(Array.from({ length: tasks }, subjects[name]));
        rates[name].push(tasks / ((performance.now() - start) / 1000));
      }
    }
    guide.terminate();
    frameport.destroy();
    await wp.terminate();
    return Object.fromEntries(Object.entries(rates).map(([name, values]) => [name, median(values)]));
  },
};
window.benchReady = true;
