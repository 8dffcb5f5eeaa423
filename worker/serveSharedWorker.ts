import type { Contract, Handlers, Remote } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { endWhenLost } from '../shared/connectPort.ts';
import { takesDeclaredPorts } from '../shared/declaredPorts.ts';
import { PROTOCOL } from '../shared/protocol.ts';
import { createEmitter } from '../shared/events.ts';
import { createLink, type Link, type LinkEvents } from '../shared/link.ts';
import type { CommonOptions } from '../shared/options.ts';
import { createStats, type Refusal, type Stats } from '../shared/stats.ts';
import { hold, newId, whenGone } from './presence.ts';
import { hubConnectId } from './protocol.ts';

/**
 * One tab connected to the hub: its id, its methods, its link's stats.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveSharedWorker } from 'frameport/worker';
 *
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * serveSharedWorker({
 *   contract: chat,
 *   methods: { post: () => undefined, unreadCount: () => 0 },
 *   onConnect: (peer) => peer.remote.message({ from: 'hub', text: `welcome, ${peer.id}` }),
 * });
 * ```
 */
export interface HubPeer<C extends Contract> {
  /** The tab's connection id, as its `connectSharedWorker(...).id` says. */
  readonly id: string;
  /** The tab's methods (`contract.host`). */
  readonly remote: Remote<C['host']>;
  /** What this tab's link did and refused. */
  stats(): Stats;
  /** Ends this tab's link: calls on both ends settle, and the tab's calls fail `DISCONNECTED`. */
  disconnect(): void;
}

/**
 * The hub's handlers for `contract.guest`: each gets the checked input and the tab that
 * called, so a handler can answer "who am I" or leave the caller out of a broadcast.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import type { HubHandlers } from 'frameport/worker';
 *
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * const methods: HubHandlers<typeof chat> = {
 *   post: (text, caller) => console.log(caller.id, 'posted', text),
 *   unreadCount: () => 0,
 * };
 * ```
 */
export type HubHandlers<C extends Contract> = C extends Contract
  ? {
      [K in keyof C['guest']]: (input: Parameters<Handlers<C['guest']>[K]>[0], caller: HubPeer<C>) => ReturnType<Handlers<C['guest']>[K]>;
    }
  : never;

/**
 * `serveSharedWorker`'s options: the contract, the hub's handlers, and hooks for tabs coming and going.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveSharedWorker, type ServeSharedWorkerOptions } from 'frameport/worker';
 *
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * const options: ServeSharedWorkerOptions<typeof chat> = {
 *   contract: chat,
 *   methods: { post: () => undefined, unreadCount: () => 0 },
 *   onDisconnect: (peer) => console.log(`${peer.id} left`),
 * };
 * serveSharedWorker(options);
 * ```
 */
export interface ServeSharedWorkerOptions<C extends Contract> extends CommonOptions {
  /** The contract every tab shares with the hub (from `defineContract`). */
  contract?: C;
  /** What the worker offers every tab: implementations of `contract.guest`. */
  methods?: HubHandlers<C>;
  /** A tab's link is up (its calls can go both ways). */
  onConnect?: (peer: HubPeer<C>) => void;
  /** A connected tab is gone (closed, crashed, destroyed its link, dropped for a flood): once per tab. */
  onDisconnect?: (peer: HubPeer<C>) => void;
}

/**
 * A refusal, and the tab whose link refused it (none for a message before any link).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveSharedWorker } from 'frameport/worker';
 *
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * const hub = serveSharedWorker({ contract: chat, methods: { post: () => undefined, unreadCount: () => 0 } });
 * hub.on('refused', ({ reason, message, peer }) => console.warn(reason, message, peer ?? 'before any link'));
 * ```
 */
export type HubRefusal = Refusal & {
  /** The connection id of the tab whose link refused it. */
  peer?: string;
};

type Outcome<C extends Contract, K extends keyof C['host']> = PromiseSettledResult<Awaited<ReturnType<Remote<C['host']>[K]>>>;

/**
 * The hub, as `serveSharedWorker` returns it inside the shared worker: its tabs, calls to all of
 * them, events and stats.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveSharedWorker } from 'frameport/worker';
 *
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * const hub = serveSharedWorker({ contract: chat, methods: { post: () => undefined, unreadCount: () => 0 } });
 * const outcomes = await hub.callAll('message', { from: 'hub', text: 'maintenance at noon' });
 * for (const [id, outcome] of outcomes) if (outcome.status === 'rejected') console.warn(id, outcome.reason);
 * ```
 */
export interface SharedWorkerHub<C extends Contract> {
  /** Every tab connected now, in the order they connected. */
  peers(): HubPeer<C>[];
  /** The connected tab with this connection id, if any. */
  peer(id: string): HubPeer<C> | undefined;
  /** Calls `method` on every connected tab; each outcome by connection id, once all settle. */
  callAll<K extends keyof C['host'] & string>(method: K, input: Parameters<Remote<C['host']>[K]>[0]): Promise<Map<string, Outcome<C, K>>>;
  /** The same, when nobody waits for the answers: failures are reported on each tab's link only. */
  notifyAll<K extends keyof C['host'] & string>(method: K, input: Parameters<Remote<C['host']>[K]>[0]): void;
  /** A tab's link came up, or a connected tab is gone; returns the function that stops listening. */
  on(event: 'connect' | 'disconnect', listener: (peer: HubPeer<C>) => void): () => void;
  /** Something a tab (or a stranger, before any link) sent was refused. */
  on(event: 'refused', listener: (refusal: HubRefusal) => void): () => void;
  /** Every tab's link together: connects, disconnects, and refusals, those before any link included. */
  stats(): Stats;
  /** Ends every tab's link (their calls settle `DESTROYED`) and takes no more. The worker keeps running. */
  destroy(): void;
}

interface HubEvents<C extends Contract> {
  connect: HubPeer<C>;
  disconnect: HubPeer<C>;
  refused: HubRefusal;
}

/** The worker's global, as far as this file uses it: the SDK compiles against the DOM lib, where `self` is a Window. */
interface HubScope {
  addEventListener(type: 'connect' | 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'connect' | 'message', listener: (event: MessageEvent) => void): void;
}

const scopeIs = (name: string): boolean => typeof (globalThis as Record<string, unknown>)[name] === 'function';

/**
 * Serves `methods` to every tab that calls `connectSharedWorker()` with this worker's URL. Each
 * tab gets its own guarded link (own limits, own refusals), and the hub learns that a tab has
 * gone from its Web Lock, within moments, instead of never. Call it at the top level of the
 * worker script, not after an `await`: a `connect` that arrives before it listens is lost.
 * Where `SharedWorker` is missing, the same script runs as a dedicated worker in one tab and
 * serves every tab the same way (see `connectSharedWorker`).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { serveSharedWorker } from 'frameport/worker';
 *
 * // The tabs (host) hear messages; the hub (guest) keeps the conversation and its unread count.
 * const chat = defineContract({
 *   host: { message: { input: z.object({ from: z.string(), text: z.string() }) } },
 *   guest: { post: { input: z.string().max(500) }, unreadCount: { input: z.undefined(), output: z.number() } },
 * });
 *
 * let unread = 0;
 * const hub = serveSharedWorker({
 *   contract: chat,
 *   methods: {
 *     post: (text, caller) => {
 *       unread += 1;
 *       hub.notifyAll('message', { from: caller.id, text });
 *     },
 *     unreadCount: () => unread,
 *   },
 *   onDisconnect: (peer) => console.log(`${peer.id} left`),
 * });
 * ```
 */
export function serveSharedWorker<C extends Contract>(options: ServeSharedWorkerOptions<C>): SharedWorkerHub<C> {
  const shared = scopeIs('SharedWorkerGlobalScope');
  if (!shared && !scopeIs('DedicatedWorkerGlobalScope')) {
    throw new FrameportError('INVALID_OPTIONS', 'serveSharedWorker() runs inside a SharedWorker (or the dedicated worker of its fallback)');
  }
  if (!globalThis.navigator?.locks) {
    throw new FrameportError(
      'UNSUPPORTED_ENVIRONMENT',
      'serveSharedWorker() needs Web Locks (a secure context) to tell when a tab is gone',
    );
  }
  const { onConnect, onDisconnect, methods, ...common } = options ?? {};
  const given = (methods ?? {}) as Record<string, (input: unknown, caller: HubPeer<C>) => unknown>;
  const linkOptions = (caller: () => HubPeer<C>): CommonOptions & { methods: object } => ({
    ...common,
    // Each tab's link gets handlers that know their caller; the link checks they match the contract.
    methods: Object.fromEntries(
      Object.entries(given).map(([name, handler]) => [
        name,
        typeof handler === 'function' ? (input: unknown) => handler(input, caller()) : handler,
      ]),
    ),
  });
  // A link made and ended at once checks every option here, not at the first tab.
  createLink(
    'guest',
    linkOptions(() => undefined as never),
    [],
  ).destroy();

  const scope = globalThis as unknown as HubScope;
  const links = new Map<string, { peer: HubPeer<C>; link: Link<LinkEvents>; port: MessagePort; connected: boolean }>();
  const events = createEmitter<HubEvents<C>>();
  const stats = createStats();
  let destroyed = false;
  // The hub's own presence: each tab watches this lock, as the hub watches each tab's.
  const hubId = newId();
  let held = false;
  // On the tab's port itself, as the guard's notices travel: the tab's link takes this one kind.
  const tell = (entry: { port: MessagePort }): void => entry.port.postMessage({ frameport: PROTOCOL, type: 'hub', id: hubId });
  const releaseHub = hold(hubId, () => {
    held = true;
    for (const entry of links.values()) if (entry.connected) tell(entry);
  });
  if (onConnect) events.on('connect', onConnect);
  if (onDisconnect) events.on('disconnect', onDisconnect);

  const report = (refusal: Refusal, peer?: string): void => {
    stats.count(refusal);
    events.emit('refused', peer === undefined ? refusal : { ...refusal, peer });
  };

  const open = (id: string, port: MessagePort): void => {
    const peer: HubPeer<C> = {
      id,
      get remote() {
        return link.remote as Remote<C['host']>;
      },
      stats: () => link.stats(),
      disconnect: () => link.end('DISCONNECTED', `the hub disconnected tab ${id}`),
    };
    const link = createLink<LinkEvents>(
      'guest',
      linkOptions(() => peer),
      [],
    );
    const entry = { peer, link, port, connected: false };
    links.set(id, entry);
    link.events.on('refused', (refusal) => report(refusal, id));
    const stopWatching = whenGone(id, () => link.end('DISCONNECTED', `tab ${id} has closed`));
    link.onDestroy(() => {
      stopWatching();
      links.delete(id);
      if (!entry.connected) return;
      stats.disconnected();
      events.emit('disconnect', peer);
    });
    link.open(port, id, {
      onConnected: () => {
        entry.connected = true;
        if (held) tell(entry);
        stats.connected();
        events.emit('connect', peer);
      },
      onLost: endWhenLost(link, `tab ${id}`),
      ports: takesDeclaredPorts,
    });
  };

  /** A `connect-hub` message with exactly one port, from an id not taken: anything else is refused and its ports closed. */
  const admit = (data: unknown, ports: readonly MessagePort[]): void => {
    const id = hubConnectId(data);
    const [port, ...more] = ports;
    if (destroyed || !id || !port || more.length > 0 || links.has(id)) {
      for (const extra of ports) extra.close();
      const why = id && links.has(id) ? `connection id ${id} is taken` : 'not a connect-hub message with its one port';
      return report({ reason: 'shape', code: 'INVALID_MESSAGE', message: why });
    }
    open(id, port);
  };

  // A SharedWorker gets a port per `new SharedWorker()`, which says once which tab it is and
  // is then closed; the fallback's dedicated worker hears only from the leader tab that made it.
  const onConnectPort = ({ ports: [door] }: MessageEvent): void => {
    if (!door) return;
    door.onmessage = ({ data, ports }) => {
      door.close();
      admit(data, ports);
    };
  };
  const onMessage = ({ data, ports }: MessageEvent): void => admit(data, ports);
  const [type, listener] = shared ? (['connect', onConnectPort] as const) : (['message', onMessage] as const);
  scope.addEventListener(type, listener);

  const connectedPeers = (): HubPeer<C>[] => [...links.values()].filter((entry) => entry.connected).map((entry) => entry.peer);
  const callEach = <K extends keyof C['host'] & string>(method: K, input: unknown) =>
    connectedPeers().map(
      (peer) => [peer.id, (peer.remote as Record<string, (input: unknown) => Promise<unknown>>)[method]?.(input)] as const,
    );

  return {
    peers: connectedPeers,
    peer: (id) => {
      const entry = links.get(id);
      return entry?.connected ? entry.peer : undefined;
    },
    async callAll(method, input) {
      const calls = callEach(method, input);
      const outcomes = await Promise.allSettled(calls.map(([, call]) => call));
      return new Map(calls.map(([id], index) => [id, outcomes[index] as never]));
    },
    notifyAll(method, input) {
      for (const [, call] of callEach(method, input)) call?.catch(() => undefined);
    },
    // The overloads above type each event; underneath, one emitter keyed by name.
    on: (event: keyof HubEvents<C>, listener: (payload: never) => void) => events.on(event, listener as (payload: unknown) => void),
    stats: () => stats.snapshot(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      scope.removeEventListener(type, listener);
      releaseHub();
      for (const { link } of [...links.values()]) link.destroy();
      events.clear();
    },
  };
}
