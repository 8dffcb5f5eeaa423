import { hold, whenGone } from './presence.ts';
import { hubConnect, isConnectionId } from './protocol.ts';

export interface RelayHooks {
  /** Opens a fresh connection of this tab's link; `send` delivers the other end of its port to the hub. */
  open(send: (port: MessagePort) => void): void;
  /** The leader has gone: the connection is dropped, calls in flight fail, waiting ones wait for the next leader. */
  drop(): void;
  /** Counts a relay message this tab refused. */
  report(message: string): void;
  /** The hub's worker failed to load: this tab's, or the leader's. */
  crashed(): void;
}

/** A worker that stops this soon after it was started again is started again later: 1 s, 2 s, 4 s... up to 30 s. */
const quickStop = 10_000;
const restartDelay = 500;
const maxRestartDelay = 30_000;

/** This tab's part of the relay. */
export interface Relay {
  /**
   * The hub's Web Lock was let go. If this tab leads, its worker stopped while the tab stays,
   * and it starts another: every link drops and reconnects, as when the leader changes.
   * Elsewhere the leader does that, or the leader itself has gone and another takes over.
   */
  hubStopped(): void;
  stop(): void;
}

/**
 * The hub where `SharedWorker` is missing. The tab holding the Web Lock `leader:<key>` runs the
 * hub's script as a dedicated worker; every other tab's link reaches it over the
 * BroadcastChannel `key`, which the leader relays to a port per tab. The relay only carries:
 * the guards at both ends check every message as they would on a SharedWorker's port, and the
 * relay itself refuses and counts what is not addressed, or not from, a tab it connected.
 *
 * On the wire, `f` is the sender's connection id and `t` the addressee's:
 * `{ k: 'l' }` a leader has started, `{ k: 'c' }` a tab asks to join, `{ k: 'a', t }` the
 * leader has a port for tab `t`, `{ k: 'd', t, d }` one message of a link, `{ k: 'r' }` the
 * leader's worker stopped (drop the link; a `l` follows when the next one runs), `{ k: 'e' }`
 * its worker failed to load: the hub has crashed.
 *
 * Any script of the origin can post on the channel and claim any id (ids are visible to it in
 * `navigator.locks.query()` anyway): a tab can be impersonated to the leader, and a leader to a
 * tab, but what reaches a link is still only what its contract allows. Such a script could
 * also drop or end the hub for everyone (by `r` or `e`, or by stealing the leader's lock,
 * which Web Locks let any script of the origin do). Every tab hears every message: this is a
 * fallback, for a handful of tabs.
 */
export function relayHub(key: string, id: string, create: () => Worker, hooks: RelayHooks): Relay {
  const channel = new BroadcastChannel(`frameport-hub/1:${key}`);
  const post = (body: Record<string, unknown>): void => channel.postMessage({ ...body, f: id });
  const forward = (to: string, data: unknown): void => {
    try {
      post({ k: 'd', t: to, d: data });
    } catch {
      hooks.report('a message the relay cannot carry (ports do not cross a BroadcastChannel)');
    }
  };
  /** As the leader: the hub's worker, and a port into it per tab. */
  let worker: Worker | undefined;
  const relays = new Map<string, { port: MessagePort; stop(): void }>();
  /** As another tab: the leader this tab's link goes through, and this tab's end of the relay. */
  let leader: { id: string; port?: MessagePort; stop(): void } | undefined;

  const ask = (): void => {
    if (!worker && !leader) post({ k: 'c' });
  };

  const leave = (): void => {
    if (!leader) return;
    leader.stop();
    leader.port?.close();
    leader = undefined;
    hooks.drop();
  };

  const join = (leaderId: string): void => {
    const joined: NonNullable<typeof leader> = {
      id: leaderId,
      stop: whenGone(leaderId, () => {
        if (leader !== joined) return;
        leave();
        ask();
      }),
    };
    leader = joined;
    hooks.open((port) => {
      joined.port = port;
      port.onmessage = ({ data }) => forward(leaderId, data);
    });
  };

  const accept = (hub: Worker, tab: string): void => {
    if (!relays.has(tab)) {
      const { port1, port2 } = new MessageChannel();
      hub.postMessage(hubConnect(tab), [port2]);
      port1.onmessage = ({ data }) => forward(tab, data);
      const stop = whenGone(tab, () => {
        port1.close();
        relays.delete(tab);
      });
      relays.set(tab, { port: port1, stop });
    }
    post({ k: 'a', t: tab });
  };

  const dropRelays = (): void => {
    for (const relay of relays.values()) {
      relay.stop();
      relay.port.close();
    }
    relays.clear();
  };

  const startWorker = (): void => {
    const hub = (worker = create());
    // A script that fails to load fires a plain `error`. An uncaught error inside the worker
    // fires an ErrorEvent here too, where a SharedWorker would keep it to itself and run on:
    // so does this one, the error still logged as uncaught.
    hub.addEventListener('error', (event) => {
      // A replaced or stopped worker's late error is nobody's news (and the channel may be closed).
      if (event instanceof ErrorEvent || hub !== worker) return;
      post({ k: 'e' });
      hooks.crashed();
    });
    hooks.open((port) => hub.postMessage(hubConnect(id), [port]));
  };

  const lead = (): void => {
    leave();
    startWorker();
    post({ k: 'l' });
  };

  let restartedAt = -Infinity;
  let quickRestarts = 0;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** As the leader: the worker stopped while this tab stays. Every link drops now, and joins the next worker. */
  const restart = (): void => {
    // One that keeps stopping soon after it started is started less and less often: never a loop.
    quickRestarts = performance.now() - restartedAt < quickStop ? quickRestarts + 1 : 0;
    worker?.terminate();
    worker = undefined;
    dropRelays();
    hooks.drop();
    post({ k: 'r' });
    restartTimer = setTimeout(
      () => {
        restartedAt = performance.now();
        startWorker();
        post({ k: 'l' });
      },
      quickRestarts && Math.min(maxRestartDelay, restartDelay * 2 ** quickRestarts),
    );
  };

  channel.onmessage = ({ data }: MessageEvent) => {
    const { k, f, t, d }: Record<string, unknown> = (typeof data === 'object' && data) || {};
    if (!isConnectionId(f) || f === id) return hooks.report('not a hub relay message');
    if (k === 'l') return ask();
    if (k === 'c') return worker && accept(worker, f);
    if (k === 'a') return t === id && !worker && !leader ? join(f) : undefined;
    if (k === 'e') return leader?.id === f ? hooks.crashed() : undefined;
    if (k === 'r') return leader?.id === f ? (leave(), ask()) : undefined;
    if (k !== 'd') return hooks.report('not a hub relay message');
    // Every tab hears every link's traffic: only what is addressed here is looked at.
    if (t !== id) return;
    const to = worker ? relays.get(f)?.port : leader?.id === f ? leader.port : undefined;
    if (to) to.postMessage(d);
    else hooks.report('relayed data from a tab this one has no link with');
  };
  channel.onmessageerror = () => hooks.report('a relay message that could not be deserialized');
  const resign = hold(`leader:${key}`, lead);
  ask();

  const stop = (): void => {
    resign();
    channel.close();
    clearTimeout(restartTimer);
    dropRelays();
    worker?.terminate();
    worker = undefined;
    leave();
  };
  return {
    hubStopped() {
      if (worker) restart();
    },
    stop,
  };
}
