import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError, type FrameportErrorCode } from '../shared/errors.ts';
import { contractOption, duration } from '../shared/options.ts';
import { openWorker, type WorkerLink } from './connectWorker.ts';

/**
 * Options of `createWorkerPool`. `create` and `contract` are required; without `maxQueue` and
 * `taskTimeout` nothing bounds the queue or a hung task, so set both for work that comes from users.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import type { PoolOptions } from 'frameport/worker';
 *
 * const thumbs = defineContract({ host: {}, guest: { resize: { input: z.instanceof(Blob), output: z.instanceof(Blob) } } });
 * const options: PoolOptions<typeof thumbs> = {
 *   create: () => new Worker(new URL('./thumbs.worker.ts', import.meta.url), { type: 'module' }),
 *   contract: thumbs,
 *   size: 2,
 *   maxQueue: 50,
 *   taskTimeout: 5_000,
 * };
 * ```
 */
export interface PoolOptions<C extends Contract> {
  /** Makes one worker that calls `serveWorker({ contract, methods })`; called again for each replacement. */
  create: () => Worker;
  /** The contract every worker serves (its `guest` half) and the page offers (its `host` half). */
  contract: C;
  /** What the page offers every worker: implementations of `contract.host`. */
  methods?: SideHandlers<C, 'host'>;
  /** Workers kept running. Default `navigator.hardwareConcurrency - 1`, at least 1. */
  size?: number;
  /** Tasks that may wait for a worker; one more rejects at once with `QUEUE_FULL`. Default unbounded. */
  maxQueue?: number;
  /** Milliseconds a task may run on its worker before it rejects `CALL_TIMEOUT` and the worker is replaced. Default none. */
  taskTimeout?: number;
}

/**
 * The optional second argument of a pool call: what belongs to the task, not to its input.
 * An abort rejects with `DESTROYED` ("the task was aborted", `error.cause` the signal's reason).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { createWorkerPool, type TaskOptions } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { fee: { input: z.object({ amount: z.number() }), output: z.number() } } });
 * const pool = createWorkerPool({ create: () => new Worker(new URL('./card.worker.ts', import.meta.url), { type: 'module' }), contract: card });
 * const task: TaskOptions = { signal: AbortSignal.timeout(1_000) };
 * const fee = await pool.remote.fee({ amount: 120 }, task);
 * ```
 */
export interface TaskOptions {
  /** Cancels the task: taken off the queue, or its worker terminated and replaced. */
  signal?: AbortSignal;
}

/**
 * Each worker method, with an optional second argument for the task itself.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import type { PoolRemote } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { check: { input: z.string(), output: z.boolean() } } });
 * async function checkAll(remote: PoolRemote<typeof card>, numbers: string[], signal: AbortSignal): Promise<boolean[]> {
 *   return Promise.all(numbers.map((digits) => remote.check(digits, { signal })));
 * }
 * ```
 */
export type PoolRemote<C extends Contract> = {
  readonly [K in keyof Remote<C['guest']>]: Remote<C['guest']>[K] extends (input: infer I) => infer R
    ? (input: I, options?: TaskOptions) => R
    : never;
};

/**
 * A snapshot of a pool, as `stats()` returns it: how many workers, what they are doing, and what
 * happened so far. A growing `replaced` means workers crash or time out.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { createWorkerPool, type PoolStats } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { check: { input: z.string(), output: z.boolean() } } });
 * const pool = createWorkerPool({ create: () => new Worker(new URL('./card.worker.ts', import.meta.url), { type: 'module' }), contract: card });
 * const { busy, queued, replaced }: PoolStats = pool.stats();
 * if (replaced > 10) console.warn(`card workers keep dying (${busy} busy, ${queued} queued)`);
 * ```
 */
export interface PoolStats {
  /** Workers alive, starting ones included. */
  workers: number;
  /** Tasks running on a worker now. */
  busy: number;
  /** Tasks waiting for one. */
  queued: number;
  /** Tasks that resolved. */
  completed: number;
  /** Tasks that rejected, for any reason, `QUEUE_FULL` included: completed + failed + busy + queued is every call. */
  failed: number;
  /** Workers terminated and made anew: a crash, a timeout, an abort. */
  replaced: number;
}

/**
 * A pool of dedicated workers, as `createWorkerPool` returns it: call `remote` as you would one
 * worker; the pool picks the least busy worker, queues when all are busy, and replaces workers
 * that crash or hang.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { createWorkerPool, type WorkerPool } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { check: { input: z.string(), output: z.boolean() } } });
 * const pool: WorkerPool<typeof card> = createWorkerPool({
 *   create: () => new Worker(new URL('./card.worker.ts', import.meta.url), { type: 'module' }),
 *   contract: card,
 * });
 * const valid = await pool.remote.check('4242424242424242');
 * console.log(valid, pool.stats().completed);
 * pool.destroy();
 * ```
 */
export interface WorkerPool<C extends Contract> {
  /** The workers' methods (`contract.guest`), each taking {@link TaskOptions} as a second argument. */
  readonly remote: PoolRemote<C>;
  /** A snapshot of the pool now. */
  stats(): PoolStats;
  /** Terminates every worker; what is queued or running rejects `DESTROYED`, and so does every later task. */
  destroy(): void;
}

interface Task {
  method: string;
  input: unknown;
  signal: AbortSignal | undefined;
  resolve(value: unknown): void;
  reject(error: FrameportError): void;
  /** Set while the task runs: stops its timer and its abort listener. */
  stop?: () => void;
}

interface Slot {
  worker: Worker;
  link: WorkerLink<Contract>;
  ready: boolean;
  task?: Task;
}

/** Workers that die before they ever serve, in a row, before the pool gives up on `create`. */
const startFailures = 3;

function poolSize(size: number | undefined): number {
  if (size === undefined) return Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1);
  if (!Number.isInteger(size) || size < 1)
    throw new FrameportError('INVALID_OPTIONS', 'size must be a whole number of workers, at least 1');
  return size;
}

const aborted = (signal: AbortSignal): FrameportError => new FrameportError('DESTROYED', 'the task was aborted', { cause: signal.reason });

/**
 * A fixed number of dedicated workers, each serving `contract.guest`, one task at a time. Every
 * task settles: with its result, or `QUEUE_FULL`, `CALL_TIMEOUT`, `WORKER_CRASHED`,
 * `DESTROYED` (destroyed or aborted). A worker in an unknown state (crashed, hung, aborted
 * mid-task) is terminated and replaced, never reused.
 *
 * A task's time limit starts when it runs on a worker that serves, not while it waits. Three
 * workers in a row that die before serving (a 404 script) end the pool with `WORKER_CRASHED`
 * rather than respawning for ever.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` when `create` is not a function, `contract` does
 * not come from `defineContract`, or `size`, `maxQueue` or `taskTimeout` is out of range.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract, FrameportError } from 'frameport';
 * import { createWorkerPool } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { fee: { input: z.object({ amount: z.number() }), output: z.number() } } });
 * const pool = createWorkerPool({
 *   create: () => new Worker(new URL('./card.worker.ts', import.meta.url), { type: 'module' }),
 *   contract: card,
 *   size: 2,
 *   maxQueue: 100,
 *   taskTimeout: 2_000,
 * });
 * try {
 *   console.log(await pool.remote.fee({ amount: 120 }));
 * } catch (error) {
 *   if (error instanceof FrameportError && error.code === 'QUEUE_FULL') console.warn('too busy, try again');
 *   else throw error;
 * }
 * ```
 */
export function createWorkerPool<C extends Contract>(options: PoolOptions<C>): WorkerPool<C> {
  if (typeof options?.create !== 'function') throw new FrameportError('INVALID_OPTIONS', 'create must be a function that makes a Worker');
  const contract = contractOption(options.contract);
  const size = poolSize(options.size);
  const maxQueue = options.maxQueue ?? Infinity;
  if (!(maxQueue >= 0)) throw new FrameportError('INVALID_OPTIONS', 'maxQueue must be a number of tasks, 0 or more');
  const taskTimeout = options.taskTimeout === undefined ? undefined : duration(options.taskTimeout, 'taskTimeout', 0);
  const slots: (Slot | undefined)[] = [];
  const queue: Task[] = [];
  const counts = { completed: 0, failed: 0, replaced: 0 };
  let failedStarts = 0;
  let ended: { code: FrameportErrorCode; why: string } | undefined;

  const settle = (task: Task, outcome: { value: unknown } | { error: FrameportError }): void => {
    task.stop?.();
    task.stop = undefined;
    if ('error' in outcome) {
      counts.failed += 1;
      task.reject(outcome.error);
    } else {
      counts.completed += 1;
      task.resolve(outcome.value);
    }
  };

  /** Fails the slot's task with `error` (if it still runs), terminates its worker, and starts another. */
  const replace = (index: number, error?: FrameportError): void => {
    const slot = slots[index];
    if (!slot) return;
    slots[index] = undefined;
    const task = slot.task;
    slot.task = undefined;
    slot.link.destroy();
    if (task && error) settle(task, { error });
    if (ended) return;
    counts.replaced += 1;
    failedStarts = slot.ready ? 0 : failedStarts + 1;
    if (failedStarts >= startFailures) {
      end('WORKER_CRASHED', `${startFailures} workers in a row failed before they served`);
      return;
    }
    start(index);
  };

  function start(index: number): void {
    const worker = options.create();
    const slot: Slot = {
      worker,
      ready: false,
      // The pool times its tasks itself (from when each starts running), so the link does not.
      link: openWorker(worker, { contract, methods: options.methods, callTimeout: false }, (code) => {
        if (code !== 'DESTROYED' && slots[index] === slot) {
          replace(index, new FrameportError(code, code === 'WORKER_CRASHED' ? 'the worker crashed' : 'the worker link was lost'));
        }
      }),
    };
    slots[index] = slot;
    slot.link.ready.then(
      () => {
        if (slots[index] !== slot) return;
        slot.ready = true;
        failedStarts = 0;
        pump();
      },
      () => undefined,
    );
  }

  function run(index: number, slot: Slot, task: Task): void {
    slot.task = task;
    const timer =
      taskTimeout === undefined
        ? undefined
        : setTimeout(() => replace(index, new FrameportError('CALL_TIMEOUT', `${task.method}() ran past ${taskTimeout} ms`)), taskTimeout);
    const { signal } = task;
    // Most tasks have neither: nothing to stop, and nothing made for them on the way.
    if (signal || timer !== undefined) {
      const onAbort = (): void => replace(index, aborted(signal as AbortSignal));
      signal?.addEventListener('abort', onAbort);
      task.stop = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
    }
    // Every method of the pool's remote is one of the link's: both come from contract.guest.
    const call = (slot.link.remote as Record<string, (input: unknown) => Promise<unknown>>)[task.method];
    call?.(task.input).then(
      (value) => done(index, slot, task, { value }),
      (error: FrameportError) => done(index, slot, task, { error }),
    );
  }

  function done(index: number, slot: Slot, task: Task, outcome: { value: unknown } | { error: FrameportError }): void {
    // A task already failed by a replace (timeout, abort, crash) has nothing left to settle.
    if (slot.task !== task) return;
    slot.task = undefined;
    settle(task, outcome);
    if (slots[index] === slot) pump();
  }

  // One task per worker: the least busy worker is an idle one that serves, the first such so a
  // pool that is mostly idle keeps its warm workers warm.
  function pump(): void {
    for (let index = 0; index < slots.length && queue.length > 0; index += 1) {
      const slot = slots[index];
      if (!slot?.ready || slot.task) continue;
      const task = queue.shift() as Task;
      task.stop?.();
      task.stop = undefined;
      run(index, slot, task);
    }
  }

  function submit(method: string, input: unknown, taskOptions: TaskOptions | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const signal = taskOptions?.signal;
      const task: Task = { method, input, signal, resolve, reject };
      if (ended) return settle(task, { error: new FrameportError(ended.code, `${method}(): ${ended.why}`) });
      if (signal?.aborted) return settle(task, { error: aborted(signal) });
      if (queue.length >= maxQueue) {
        return settle(task, { error: new FrameportError('QUEUE_FULL', `${method}(): ${queue.length} tasks already wait`) });
      }
      queue.push(task);
      if (signal) {
        const onAbort = (): void => {
          const at = queue.indexOf(task);
          if (at !== -1) queue.splice(at, 1);
          settle(task, { error: aborted(signal) });
        };
        signal.addEventListener('abort', onAbort);
        task.stop = () => signal.removeEventListener('abort', onAbort);
      }
      pump();
    });
  }

  function end(code: FrameportErrorCode, why: string): void {
    if (ended) return;
    ended = { code, why };
    for (let index = 0; index < slots.length; index += 1) replace(index, new FrameportError(code, why));
    for (const task of queue.splice(0)) settle(task, { error: new FrameportError(code, `${task.method}(): ${why}`) });
  }

  const remote: Record<string, (input: unknown, taskOptions?: TaskOptions) => Promise<unknown>> = Object.create(null);
  for (const method of Object.keys(contract.guest)) remote[method] = (input, taskOptions) => submit(method, input, taskOptions);
  for (let index = 0; index < size; index += 1) start(index);

  return {
    remote: Object.freeze(remote) as unknown as PoolRemote<C>,
    stats: () => ({
      workers: slots.filter(Boolean).length,
      busy: slots.filter((slot) => slot?.task).length,
      queued: queue.length,
      ...counts,
    }),
    destroy: () => end('DESTROYED', 'the pool was destroyed'),
  };
}
