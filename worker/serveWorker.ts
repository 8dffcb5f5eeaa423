import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { endWhenLost } from '../shared/connectPort.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import type { CommonOptions } from '../shared/options.ts';
import type { Stats } from '../shared/stats.ts';
import { isConnectMessage } from './protocol.ts';

/**
 * Options of `serveWorker`: a widget link's options, for the worker's end. A pool worker should
 * pass `rateLimit: false` (or a budget sized for its throughput): the page that made it is its
 * only peer, and the default budget (50 calls a second) would refuse a busy pool's tasks.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import type { ServeWorkerOptions } from 'frameport/worker';
 *
 * const card = defineContract({ host: {}, guest: { check: { input: z.string(), output: z.boolean() } } });
 * const options: ServeWorkerOptions<typeof card> = { contract: card, methods: { check: (digits) => digits.length === 16 }, rateLimit: false };
 * ```
 */
export interface ServeWorkerOptions<C extends Contract> extends CommonOptions {
  /** The contract shared with the page's `connectWorker` (or `createWorkerPool`). */
  contract?: C;
  /** What the worker offers the page: implementations of `contract.guest`. */
  methods?: SideHandlers<C, 'guest'>;
}

/**
 * The worker's end of the link to the page that made it: the page's methods, and the controls.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveWorker, type ServedWorker } from 'frameport/worker';
 *
 * const jobs = defineContract({
 *   host: { progress: { input: z.number().min(0).max(1) } },
 *   guest: { run: { input: z.string(), output: z.literal('done') } },
 * });
 * const served: ServedWorker<typeof jobs> = serveWorker({
 *   contract: jobs,
 *   methods: {
 *     run: async (_job) => {
 *       await served.remote.progress(0.5);
 *       return 'done' as const;
 *     },
 *   },
 * });
 * await served.ready;
 * ```
 */
export interface ServedWorker<C extends Contract> {
  /** The page's methods (`contract.host`). Calls made before the page connects wait, within `callTimeout`. */
  readonly remote: Remote<C['host']>;
  /** Resolves once the page has connected; rejects with `DESTROYED` if the link ends first. */
  readonly ready: Promise<void>;
  /** Listens to `connect`, `disconnect` and `refused`; returns the function that removes the listener. */
  on<K extends keyof LinkEvents>(event: K, listener: (payload: LinkEvents[K]) => void): () => void;
  /** Counts since `serveWorker` was called; `refused.shape` counts stray messages posted to the worker. */
  stats(): Stats;
  /** Ends the link; calls on both ends settle. The worker itself keeps running. */
  destroy(): void;
}

/**
 * The dedicated worker's global, as far as this file uses it: the SDK compiles against the DOM
 * lib, where `self` is a Window, so the worker scope is described rather than assumed.
 */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Serves `methods` to the page that created this worker. Only one `connect-worker` message is
 * taken, with exactly one port; anything else posted to the worker is refused and counted.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` outside a dedicated worker, or for an unknown option.
 *
 * @example
 * ```ts
 * // card.worker.ts
 * import * as z from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveWorker } from 'frameport/worker';
 *
 * const card = defineContract({
 *   host: {},
 *   guest: { fee: { input: z.object({ amount: z.number() }), output: z.number() } },
 * });
 * serveWorker({ contract: card, methods: { fee: ({ amount }) => amount * 0.014 + 0.25 } });
 * ```
 */
export function serveWorker<C extends Contract>(options: ServeWorkerOptions<C>): ServedWorker<C> {
  const scope = globalThis as unknown as WorkerScope;
  if (typeof (globalThis as { DedicatedWorkerGlobalScope?: unknown }).DedicatedWorkerGlobalScope !== 'function') {
    throw new FrameportError('INVALID_OPTIONS', 'serveWorker() runs inside a dedicated worker');
  }
  const link = createLink<LinkEvents>('guest', options ?? {}, []);
  let taken = false;
  const ready = new Promise<void>((resolve, reject) => {
    link.onDestroy(() => reject(new FrameportError('DESTROYED', 'the worker link ended before the page connected')));
    const receive = (event: MessageEvent): void => {
      const [port, ...more] = event.ports;
      if (taken || !isConnectMessage(event.data) || !port || more.length > 0) {
        for (const extra of event.ports) extra.close();
        link.report({ reason: 'shape', code: 'INVALID_MESSAGE', message: 'not the one connect-worker message with its port' });
        return;
      }
      taken = true;
      link.open(port, 'page', {
        onConnected: () => resolve(),
        onLost: endWhenLost(link, 'the page'),
      });
    };
    scope.addEventListener('message', receive);
    link.onDestroy(() => scope.removeEventListener('message', receive));
  });
  ready.catch(() => undefined);
  return {
    remote: link.remote as Remote<C['host']>,
    ready,
    on: (event, listener) => link.events.on(event, listener),
    stats: link.stats,
    destroy: link.destroy,
  };
}
