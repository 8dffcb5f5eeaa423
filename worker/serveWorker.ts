import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { endWhenLost } from '../shared/connectPort.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import type { CommonOptions } from '../shared/options.ts';
import type { Stats } from '../shared/stats.ts';
import { isConnectMessage } from './protocol.ts';

export interface ServeWorkerOptions<C extends Contract> extends CommonOptions {
  contract?: C;
  /** What the worker offers the page: implementations of `contract.guest`. */
  methods?: SideHandlers<C, 'guest'>;
}

/** The worker's end of the link to the page that made it. */
export interface ServedWorker<C extends Contract> {
  /** The page's methods (`contract.host`). Calls made before the page connects wait, within `callTimeout`. */
  readonly remote: Remote<C['host']>;
  readonly ready: Promise<void>;
  on<K extends keyof LinkEvents>(event: K, listener: (payload: LinkEvents[K]) => void): () => void;
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
 * @example
 * serveWorker({ contract, methods: { hash: (bytes) => sha256(bytes) } });
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
