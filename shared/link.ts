import { openConnection, type CloseCode, type Connection, type ConnectionOptions } from './connection.ts';
import type { Log } from './debug.ts';
import type { Emitter } from './events.ts';
import type { Refusal, createStats } from './refusals.ts';
import type { Session } from './session.ts';

/** The events both sides emit about their link. */
export interface LinkEvents {
  connect: { origin: string };
  disconnect: { code: CloseCode };
  refused: Refusal;
}

/** Why a link ended without either side choosing to: each side decides how to come back. */
export type LostReason = 'peer closed it' | 'flood' | 'port handshake failed';

export interface LinkHooks {
  /** The port handshake completed and this connection is the current one. */
  onConnected(connection: Connection): void;
  /** The current connection was dropped for `why` (already reported as `disconnect`). */
  onLost(why: LostReason): void;
}

type Opened = Omit<ConnectionOptions, 'refuse' | 'log' | 'onPeerDestroyed' | 'onFlood'>;

export interface Link {
  readonly current: Connection | undefined;
  refuse(refusal: Refusal): void;
  /** Opens a connection over a fresh port as the current one, replacing (and dropping) any other. */
  open(options: Opened, origin: string, hooks: LinkHooks): Connection;
  /** Closes the current connection; `disconnect` is emitted if it had connected. */
  drop(code: CloseCode): void;
}

/**
 * One side's current connection and what happens around it: the session's `remote` follows it,
 * stats count it, the debug log and the `connect` / `disconnect` / `refused` events report it.
 * Only the current connection may report: a late event of a replaced one is ignored.
 */
export function createLink({ session, stats, events, log, onDrop }: {
  session: Session;
  stats: ReturnType<typeof createStats>;
  events: Pick<Emitter<LinkEvents>, 'emit'>;
  log: Log | undefined;
  /** Side-specific teardown on every drop (the host's heartbeat). */
  onDrop?: () => void;
}): Link {
  let current: Connection | undefined;
  let connected = false;

  const refuse = (refusal: Refusal): void => {
    stats.count(refusal);
    log?.('refused', refusal);
    events.emit('refused', refusal);
  };

  const drop = (code: CloseCode): void => {
    if (!current) return;
    onDrop?.();
    current.close(code);
    current = undefined;
    session.detach();
    if (connected) {
      connected = false;
      stats.disconnected();
      log?.('disconnected', code);
      events.emit('disconnect', { code });
    }
  };

  return {
    get current() {
      return current;
    },
    refuse,
    drop,
    open(options, origin, hooks) {
      drop('DISCONNECTED');
      const lost = (why: LostReason): void => {
        drop('DISCONNECTED');
        hooks.onLost(why);
      };
      const opened: Connection = openConnection({
        ...options,
        refuse,
        log,
        onPeerDestroyed: () => {
          if (current === opened) lost('peer closed it');
        },
        onFlood: () => {
          if (current !== opened) return;
          refuse({ reason: 'rate', code: 'RATE_LIMITED', message: `flooding: disconnected for ${options.limiter.cooldown} ms`, origin });
          lost('flood');
        },
      });
      current = opened;
      opened.ready.then(
        () => {
          if (current !== opened) return;
          connected = true;
          session.attach(opened);
          stats.connected();
          log?.('connected', origin);
          events.emit('connect', { origin });
          hooks.onConnected(opened);
        },
        () => {
          // The document behind the port went away during the port handshake.
          if (current === opened) lost('port handshake failed');
        },
      );
      return opened;
    },
  };
}
