import { createCalls, type RemoteFunctions } from './calls.ts';
import { openConnection, type Connection, type Handler } from './connection.ts';
import type { FrameportErrorCode } from './errors.ts';
import type { GuardOptions } from './guard.ts';
import type { Contract } from './contract.ts';
import { createLog, type Log } from './debug.ts';
import { createEmitter, type Emitter } from './events.ts';
import {
  callTimeoutOption,
  checkKeys,
  commonKeys,
  contractOption,
  handlersOption,
  handshakeTimeoutOption,
  type CommonOptions,
} from './options.ts';
import { createLimiter, type Limiter } from './rateLimit.ts';
import { createStats, type Refusal, type Stats } from './stats.ts';

export type CloseCode = 'DISCONNECTED' | 'DESTROYED';

/**
 * The events both sides emit about their link, by name; `on(event, listener)` returns the
 * function that removes the listener. A widget's host adds `error` and `resize`
 * (`HostEvents`), a guest adds `introduced` (`GuestEvents`).
 *
 * @example
 * ```ts
 * import { connectPort, type LinkEvents } from 'frameport';
 *
 * declare const port: MessagePort;
 * const link = await connectPort(port, { as: 'guest' });
 * const log = (event: keyof LinkEvents) => (payload: LinkEvents[typeof event]) => console.debug(event, payload);
 * const offs = [link.on('connect', log('connect')), link.on('disconnect', log('disconnect')), link.on('refused', log('refused'))];
 * // Later: remove them all.
 * offs.forEach((off) => off());
 * ```
 */
export interface LinkEvents {
  /** The other side connected: the first time, and again after each reload of a widget. */
  connect: {
    /** The exact origin the connection is pinned to: the widget's (host side), the host's (guest side); `'port'` on a port link, `'page'` in a served worker. */
    origin: string;
  };
  /** The connection ended: the other side went away (reload, navigation, missed heartbeats, flood), or `destroy()`. */
  disconnect: {
    /** `DESTROYED` when this side ended it, `DISCONNECTED` when the other side went. */
    code: CloseCode;
  };
  /** A message was refused: counted in `stats()`, never echoed; the link stays up. */
  refused: Refusal;
}

/** Why a connection ended without this side choosing to: each side decides how to come back. */
export type LostReason = 'peer closed it' | 'port handshake failed' | 'flood';

export interface OpenHooks {
  /** Size reports are taken only where this is given (the host). */
  onResize?: (size: { height: number; width?: number }) => void;
  onActivity?: () => void;
  /** The port handshake completed and this connection is the current one. */
  onConnected(connection: Connection): void;
  /** The current connection was dropped for `why` (already reported as `disconnect`). */
  onLost(why: LostReason): void;
  /** Where this side takes ports: what they must pass, and the notices it takes (see `GuardOptions`). */
  ports?: GuardOptions['ports'];
}

/** What `mountWidget` and `connectToHost` share, from options to teardown. */
export interface Link<Events extends LinkEvents> {
  readonly contract: Contract;
  readonly handshakeTimeout: number;
  readonly limiter: Limiter;
  readonly log: Log | undefined;
  readonly events: Emitter<Events>;
  readonly remote: RemoteFunctions;
  readonly current: Connection | undefined;
  readonly destroyed: boolean;
  /** The code `end()` (or `destroy()`) settled every call with; teardowns may read it. */
  readonly endedWith: FrameportErrorCode | undefined;
  /** Until then, a peer that flooded us is not taken back (`performance.now()` time). */
  readonly coolUntil: number;
  /** A refusal of something our own peer sent: counted, reported, and toward the flood breaker. */
  refuse(refusal: Refusal): void;
  /** A refusal of a stranger's message: counted and reported, but a stranger cannot make us drop our peer. */
  report(refusal: Refusal): void;
  /** Opens a connection over a fresh port as the current one, dropping any other. */
  open(port: MessagePort, origin: string, hooks: OpenHooks): void;
  /** Closes the current connection; `disconnect` is emitted if it had connected. */
  drop(): void;
  /** Runs `teardown` once, on destroy (last added, first run). */
  onDestroy(teardown: () => void): void;
  destroy(): void;
  /** Ends the link for good: like `destroy()`, but every call, pending or later, fails with `code`. */
  end(code: FrameportErrorCode, why: string): void;
  stats(): Stats;
}

/**
 * One side's link: the options both sides take, the calls it makes (one record each, across
 * reconnects), its current connection, and what reports on it (stats, the debug log, the
 * `connect` / `disconnect` / `refused` events). Only the current connection may report: a late
 * event of a replaced one is ignored.
 */
export function createLink<Events extends LinkEvents>(
  side: 'host' | 'guest',
  // Each side's own options type checks `methods` against its contract; here they are only read.
  options: CommonOptions & { methods?: object },
  ownKeys: readonly string[],
  /** What the side itself decides, over the options: a grant waits for its holder for good. */
  fixed: { handshakeTimeout?: number } = {},
): Link<Events> {
  checkKeys(options, [...commonKeys, ...ownKeys], '');
  const contract = contractOption(options.contract);
  const local = side === 'host' ? contract.host : contract.guest;
  const remoteSpecs = side === 'host' ? contract.guest : contract.host;
  const handlers: Record<string, Handler> = handlersOption(local, options.methods, side);
  const handshakeTimeout = fixed.handshakeTimeout ?? handshakeTimeoutOption(options.handshakeTimeout);
  const calls = createCalls(Object.keys(remoteSpecs), callTimeoutOption(options.callTimeout));
  // One budget per widget, not per connection: reloading the frame must not refill it.
  const limiter = createLimiter(options.rateLimit);
  const log = createLog(options.debug, side);
  const events = createEmitter<Events>();
  const stats = createStats();
  const teardowns: (() => void)[] = [];
  let current: Connection | undefined;
  let connected = false;
  let destroyed = false;
  let endedWith: FrameportErrorCode | undefined;
  let coolUntil = 0;

  const report = (refusal: Refusal): void => {
    stats.count(refusal);
    log?.('refused', refusal);
    (events as Emitter<LinkEvents>).emit('refused', refusal);
  };

  /** Ends the current connection as lost, telling its side's hooks. */
  let lose: ((why: LostReason) => void) | undefined;
  const refuse = (refusal: Refusal): void => {
    report(refusal);
    // A peer that behaves is refused rarely; thousands a second, of any kind, is a flood:
    // with or without a connection (a ready flood), it waits out the cool-down.
    if (!limiter.flooded()) return;
    coolUntil = performance.now() + limiter.cooldown;
    report({ reason: 'rate', code: 'RATE_LIMITED', message: `flooding: not taken back for ${limiter.cooldown} ms` });
    lose?.('flood');
  };

  const drop = (code: CloseCode = 'DISCONNECTED'): void => {
    if (!current) return;
    const closing = current;
    current = undefined;
    lose = undefined;
    closing.close();
    calls.detach(code);
    if (connected) {
      connected = false;
      stats.disconnected();
      log?.('disconnected', code);
      (events as Emitter<LinkEvents>).emit('disconnect', { code });
    }
  };

  function end(code: FrameportErrorCode, why: string): void {
    if (destroyed) return;
    destroyed = true;
    endedWith = code;
    // Calls first: in flight on the connection, they must fail with `code`, not DISCONNECTED.
    calls.destroy(code, why);
    drop(code === 'DESTROYED' ? 'DESTROYED' : 'DISCONNECTED');
    for (const teardown of teardowns.reverse()) teardown();
    events.clear();
  }

  const link: Link<Events> = {
    contract,
    handshakeTimeout,
    limiter,
    log,
    events,
    remote: calls.remote,
    get current() {
      return current;
    },
    get destroyed() {
      return destroyed;
    },
    get endedWith() {
      return endedWith;
    },
    get coolUntil() {
      return coolUntil;
    },
    refuse,
    report,
    drop: () => drop(),
    stats: () => stats.snapshot(),
    onDestroy: (teardown) => void teardowns.push(teardown),
    open(port, origin, hooks) {
      drop();
      const lost = (why: LostReason): void => {
        drop();
        hooks.onLost(why);
      };
      lose = lost;
      const opened = openConnection({
        port,
        local,
        remote: remoteSpecs,
        handlers,
        limiter,
        handshakeTimeout,
        log,
        refuse,
        awaiting: calls.awaiting,
        settle: calls.settle,
        onResize: hooks.onResize,
        onActivity: hooks.onActivity ?? (() => undefined),
        ports: hooks.ports,
        onLost: (why) => {
          if (current === opened) lost(why);
        },
      });
      current = opened;
      opened.ready.then(
        () => {
          if (current !== opened) return;
          connected = true;
          calls.attach((id, method, input) => opened.guard.call(id, method, input));
          stats.connected();
          log?.('connected', origin);
          (events as Emitter<LinkEvents>).emit('connect', { origin });
          hooks.onConnected(opened);
        },
        () => undefined,
      );
    },
    destroy: () => end('DESTROYED', 'the connection was destroyed'),
    end,
  };
  return link;
}
