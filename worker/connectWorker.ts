import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError, type FrameportErrorCode } from '../shared/errors.ts';
import { openPort } from '../shared/connectPort.ts';
import type { Link, LinkEvents } from '../shared/link.ts';
import type { CommonOptions } from '../shared/options.ts';
import type { Stats } from '../shared/stats.ts';
import { connectMessage } from './protocol.ts';

/**
 * Options of `connectWorker`: a widget link's options (`contract`, `methods`, `rateLimit`,
 * `callTimeout`, `handshakeTimeout`, `debug`). The page plays `host`, the worker `guest`. No
 * heartbeat: a worker busy with one long task answers nothing, so `callTimeout` finds a hung one.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import type { WorkerOptions } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { check: { input: z.string(), output: z.boolean() } } });
 * const options: WorkerOptions<typeof card> = { contract: card, callTimeout: 2_000 };
 * ```
 */
export interface WorkerOptions<C extends Contract> extends CommonOptions {
  /** The contract shared with the worker's `serveWorker`. */
  contract?: C;
  /** What the page offers the worker: implementations of `contract.host`. */
  methods?: SideHandlers<C, 'host'>;
}

/**
 * The page's end of a guarded link to one dedicated worker. A worker that crashes (an uncaught
 * error, a script that fails to load) ends the link: every call, in flight and later, rejects
 * with `WORKER_CRASHED`.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { connectWorker, type WorkerLink } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { check: { input: z.string(), output: z.boolean() } } });
 * const checker: WorkerLink<typeof card> = connectWorker(new Worker(new URL('./card.worker.ts', import.meta.url), { type: 'module' }), { contract: card });
 * checker.on('disconnect', ({ code }) => console.log('card worker link ended', code));
 * await checker.ready;
 * console.log(await checker.remote.check('4242424242424242'), checker.stats().refused.source);
 * checker.destroy(); // also terminates the worker
 * ```
 */
export interface WorkerLink<C extends Contract> {
  /** The worker's methods (`contract.guest`). Calls made before it serves wait, within `callTimeout`. */
  readonly remote: Remote<C['guest']>;
  /** Resolves once the worker serves; rejects if it never does, or the link ends first. */
  readonly ready: Promise<void>;
  /** Listens to `connect`, `disconnect` and `refused`; returns the function that removes the listener. */
  on<K extends keyof LinkEvents>(event: K, listener: (payload: LinkEvents[K]) => void): () => void;
  /** Counts since the link was made; `refused.source` counts what the worker posted outside its port. */
  stats(): Stats;
  /** Ends the link (every call settles `DESTROYED`) and terminates the worker. */
  destroy(): void;
}

/**
 * Links the page to a dedicated worker that calls `serveWorker()`: returns at once. The page
 * owns the worker's own channel (`worker.onmessage`): anything the worker posts there is
 * refused and counted, because a frameport worker talks only on the port it was given.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` when `worker` is not a `Worker` or an option is
 * unknown. Calls reject with `HANDSHAKE_TIMEOUT` (the worker never served), `WORKER_CRASHED`,
 * `CALL_TIMEOUT`, `DESTROYED`, or the usual contract codes.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { connectWorker } from 'frameport/worker';
 *
 * const hashing = defineContract({ host: {}, guest: { hash: { input: z.instanceof(ArrayBuffer), output: z.string() } } });
 * const hasher = connectWorker(new Worker(new URL('./hasher.worker.ts', import.meta.url), { type: 'module' }), { contract: hashing });
 * const digest = await hasher.remote.hash(new TextEncoder().encode('hello').buffer);
 * ```
 */
export function connectWorker<C extends Contract>(worker: Worker, options: WorkerOptions<C>): WorkerLink<C> {
  return openWorker(worker, options, () => undefined);
}

/** The worker is gone or unusable: the link ends with `code`, every call settles with it. */
const crashes: Readonly<Record<string, string>> = Object.freeze({
  error: 'the worker threw an uncaught error or failed to load',
  messageerror: 'the worker posted a message this page could not deserialize',
});

/** `connectWorker`, and what a pool needs: a word when the link ends, and why. */
export function openWorker<C extends Contract>(
  worker: Worker,
  options: WorkerOptions<C>,
  onEnd: (code: FrameportErrorCode) => void,
): WorkerLink<C> {
  if (typeof Worker !== 'function' || !(worker instanceof Worker)) {
    throw new FrameportError('INVALID_OPTIONS', 'the first argument must be a Worker');
  }
  const { port1, port2 } = new MessageChannel();
  let link!: Link<LinkEvents>;
  // The same port link as `connectPort`, without a heartbeat: a worker busy with one long task
  // answers nothing until it is done, and a worker that dies says so with `error`. A hung one
  // is what `callTimeout` is for.
  const opened = openPort(port1, options ?? {}, { side: 'host', heartbeat: false, peer: 'the worker', made: (made) => (link = made) });
  const crashed = (event: Event): void => {
    // Handled here, as WORKER_CRASHED: the browser need not log it as uncaught too.
    event.preventDefault();
    const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
    link.end('WORKER_CRASHED', `${crashes[event.type]}${detail}`);
  };
  const stray = ({ ports }: MessageEvent): void => {
    for (const port of ports) port.close();
    link.report({ reason: 'source', code: 'INVALID_MESSAGE', message: 'a message on the worker itself, not on its port' });
  };
  worker.addEventListener('error', crashed);
  worker.addEventListener('messageerror', crashed);
  worker.addEventListener('message', stray);
  link.onDestroy(() => {
    worker.removeEventListener('error', crashed);
    worker.removeEventListener('messageerror', crashed);
    worker.removeEventListener('message', stray);
    onEnd(link.endedWith ?? 'DESTROYED');
  });
  worker.postMessage(connectMessage, [port2]);
  return {
    ...opened,
    destroy() {
      link.end('DESTROYED', 'the worker link was destroyed');
      worker.terminate();
    },
  } as WorkerLink<C>;
}
