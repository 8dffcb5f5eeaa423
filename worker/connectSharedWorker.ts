import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { endWhenLost } from '../shared/connectPort.ts';
import { declaredPorts } from '../shared/declaredPorts.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import type { CommonOptions } from '../shared/options.ts';
import type { Stats } from '../shared/stats.ts';
import { relayHub, type Relay } from './hubRelay.ts';
import { watchLifecycle } from '../shared/lifecycle.ts';
import { hold, newId, whenGone } from './presence.ts';
import { hubConnect, isConnectionId } from './protocol.ts';

export interface SharedWorkerOptions<C extends Contract> extends CommonOptions {
  contract?: C;
  /** What this tab offers the hub: implementations of `contract.host`. */
  methods?: SideHandlers<C, 'host'>;
  /** As in `new SharedWorker(url, { name })`: tabs share one hub per URL and name. */
  name?: string;
  /** As in `new SharedWorker(url, { type })`: `'module'` for a module worker script. */
  type?: WorkerType;
}

/**
 * One tab's guarded link to the hub.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { connectSharedWorker, type SharedWorkerLink } from 'frameport/worker';
 *
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * const link: SharedWorkerLink<typeof chat> = connectSharedWorker('/chat-hub.js', { contract: chat, methods: { message: () => undefined } });
 * link.on('disconnect', ({ code }) => console.warn('the hub went away', code));
 * await link.ready;
 * ```
 */
export interface SharedWorkerLink<C extends Contract> {
  /** This link's connection id: the hub's `peer(id)`, and the name of the Web Lock it holds. */
  readonly id: string;
  /** The hub's methods (`contract.guest`). Calls made before the hub serves wait, within `callTimeout`. */
  readonly remote: Remote<C['guest']>;
  /** Resolves once the hub has taken this tab; rejects if the link ends first. */
  readonly ready: Promise<void>;
  /** `connect`, `disconnect` and `refused`, as on a widget link; returns the function that stops listening. */
  on<K extends keyof LinkEvents>(event: K, listener: (payload: LinkEvents[K]) => void): () => void;
  /** What this tab's link did and refused. */
  stats(): Stats;
  /** Ends the link and lets go of its Web Lock: the hub drops this tab at once. Every call settles `DESTROYED`. */
  destroy(): void;
}

/**
 * Joins the hub that `serveSharedWorker()` runs in the shared worker at `urlOrWorker`: returns
 * at once. The tab holds a Web Lock named by its connection id while connected, which is how
 * the hub learns, within moments, that the tab has closed or crashed. Where `SharedWorker` is
 * missing (older Chrome on Android, some WebViews) and a URL is given, one tab chosen by Web
 * Locks runs the same script as a dedicated worker and relays the others' links to it over a
 * `BroadcastChannel`; if that tab closes, another takes over with a fresh worker (the hub's
 * state starts over), links reconnect, and calls in flight fail `DISCONNECTED`.
 *
 * A page that is frozen (a background tab, or one put in the back/forward cache) leaves the hub
 * (`disconnect`) and joins again when it runs (`connect`): a frozen tab holding its lock would
 * look alive to the hub.
 *
 * A shared worker, its Web Locks and BroadcastChannels are keyed by the top-level site inside
 * a cross-site frame (Chromium 115+): a widget's tabs share a hub per embedding site.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { connectSharedWorker } from 'frameport/worker';
 *
 * // The tabs (host) hear messages; the hub (guest) keeps the conversation and its unread count.
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * const hub = connectSharedWorker(new URL('./chat-hub.ts', import.meta.url), {
 *   contract: chat,
 *   type: 'module',
 *   methods: { message: ({ from, text }) => console.log(from, text) },
 * });
 * const unread = await hub.remote.unreadCount(undefined);
 * await hub.remote.post('hello');
 * ```
 */
export function connectSharedWorker<C extends Contract>(
  urlOrWorker: string | URL | SharedWorker,
  options: SharedWorkerOptions<C>,
): SharedWorkerLink<C> {
  if (!globalThis.navigator?.locks) {
    throw new FrameportError(
      'UNSUPPORTED_ENVIRONMENT',
      'connectSharedWorker() needs Web Locks (a secure context): they tell the hub a tab is gone',
    );
  }
  const given = typeof SharedWorker === 'function' && urlOrWorker instanceof SharedWorker ? urlOrWorker : undefined;
  if (!given && typeof urlOrWorker !== 'string' && !(urlOrWorker instanceof URL)) {
    throw new FrameportError('INVALID_OPTIONS', 'the first argument must be a SharedWorker or its script URL');
  }
  const link = createLink<LinkEvents>('host', options ?? {}, ['name', 'type']);
  const { name = '', type } = options ?? {};
  if (typeof name !== 'string') throw new FrameportError('INVALID_OPTIONS', 'name must be a string, as for new SharedWorker()');
  const id = newId();
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    connected = resolve;
    link.onDestroy(() => reject(new FrameportError('DESTROYED', 'the link ended before the hub took this tab')));
  });
  ready.catch(() => undefined);

  const crashed = (why: 'failed to load' | 'has stopped'): void => link.end('WORKER_CRASHED', `the shared worker ${why}`);
  const failedToLoad = (): void => crashed('failed to load');
  /** Set once the hub has said which lock it holds: the hub's own presence, for this connection. */
  let stopWatchingHub: (() => void) | undefined;
  const unwatchHub = (): void => {
    stopWatchingHub?.();
    stopWatchingHub = undefined;
  };
  link.onDestroy(unwatchHub);
  /** The fallback's part, while this tab is in the hub. */
  let relay: Relay | undefined;

  /** A fresh port pair per connection: one end is the link's, `send` delivers the other to the hub. */
  const open = (send: (port: MessagePort) => void): void => {
    const { port1, port2 } = new MessageChannel();
    unwatchHub();
    link.open(port1, 'the shared worker', {
      onConnected: connected,
      onLost: endWhenLost(link, 'the shared worker'),
      // A worker that stops (`self.close()`, its process gone) says nothing either: the lock
      // it held tells. The fallback's worker goes with its leader tab, and the relay reconnects.
      ports: {
        declared: declaredPorts,
        notice: (notice, ports) => {
          if (notice.type !== 'hub' || !isConnectionId(notice.id) || stopWatchingHub) return false;
          for (const port of ports) port.close();
          const current = link.current;
          stopWatchingHub = whenGone(notice.id, () => {
            if (link.current !== current) return;
            if (relay) relay.hubStopped();
            else crashed('has stopped');
          });
          return true;
        },
      },
    });
    send(port2);
  };

  let start: () => () => void;
  if (given || typeof SharedWorker === 'function') {
    let unused = given;
    start = () => {
      // The hub takes one connect per `new SharedWorker()`: a tab that comes back needs a new one.
      const worker = unused ?? new SharedWorker(urlOrWorker as string | URL, { name, type });
      unused = undefined;
      worker.addEventListener('error', failedToLoad);
      open((port) => worker.port.postMessage(hubConnect(id), [port]));
      return () => worker.removeEventListener('error', failedToLoad);
    };
  } else {
    const url = new URL(urlOrWorker as string | URL, location.href).href;
    start = () => {
      const joined = relayHub(`${url}|${name}`, id, () => new Worker(url, { name, type }), {
        open,
        drop: () => link.drop(),
        report: (message) => link.report({ reason: 'source', code: 'INVALID_MESSAGE', message }),
        crashed: failedToLoad,
      });
      relay = joined;
      return () => {
        relay = undefined;
        joined.stop();
      };
    };
  }
  let stop: (() => void) | undefined;
  let release: (() => void) | undefined;
  // Whoever hears this tab's id starts watching its lock at once: nothing goes out before it is held.
  const join = (): void => {
    release ??= hold(id, () => (stop = start()));
  };
  const leave = (): void => {
    unwatchHub();
    stop?.();
    release?.();
    stop = release = undefined;
    link.drop();
  };
  // A page that is frozen (a background tab the browser freezes, or one kept in the
  // back/forward cache) keeps its Web Locks: the hub would keep a tab that cannot answer, and a
  // frozen leader would hold every other tab's hub. So the tab leaves before it is frozen or
  // unloaded, and joins again when it runs; a link made from a SharedWorker object cannot make
  // a new port to the hub, and ends.
  const stopWatching = watchLifecycle(leave, () => {
    if (link.destroyed || release) return;
    if (given) link.end('DISCONNECTED', 'the page was frozen: only a link made from a URL joins the hub again');
    else join();
  });
  link.onDestroy(() => {
    stopWatching();
    leave();
  });
  join();

  return {
    id,
    remote: link.remote as Remote<C['guest']>,
    ready,
    on: (event, listener) => link.events.on(event, listener),
    stats: link.stats,
    destroy: link.destroy,
  };
}
