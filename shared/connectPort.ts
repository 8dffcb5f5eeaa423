import type { Contract, Remote, SideHandlers } from './contract.ts';
import { FrameportError, type FrameportErrorCode } from './errors.ts';
import { declaredPorts } from './declaredPorts.ts';
import type { PortPolicy } from './guard.ts';
import { createLink, type Link, type LinkEvents, type LostReason } from './link.ts';
import { watchLiveness } from './liveness.ts';
import { duration, type CommonOptions } from './options.ts';
import type { Stats } from './stats.ts';
import { isMessagePort } from './transfer.ts';

type NoMethods = Record<never, never>;
type Side = 'host' | 'guest';
type Other<S extends Side> = S extends 'host' ? 'guest' : 'host';

/**
 * Options of `connectPort` (and of each line `acceptPorts` takes): the widget link's options,
 * plus which side of the contract this end plays and how often to ping once connected.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, type PortOptions } from 'frameport';
 *
 * const contacts = defineContract({
 *   host: { addContact: { input: z.object({ name: z.string().max(200) }), output: z.literal('added') } },
 *   guest: {},
 * });
 * const options: PortOptions<typeof contacts, 'guest'> = { contract: contacts, as: 'guest', callTimeout: 5_000, heartbeatInterval: 2_000 };
 * ```
 */
export interface PortOptions<C extends Contract, S extends Side> extends CommonOptions {
  /** The contract both ends of the port share. */
  contract?: C;
  /** Which side of `contract` this end plays. */
  as: S;
  /** Implementations of `contract[as]`. */
  methods?: SideHandlers<C, S>;
  /** Milliseconds between liveness pings once connected; three missed mean the other end is gone. Default 1000. */
  heartbeatInterval?: number;
}

/**
 * A guarded link over one port: the same guard, limits, events and error codes as a widget link.
 * It is never re-established: once the other end goes, every call settles and the link is over.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { connectPort, defineContract, type PortLink } from 'frameport';
 *
 * const contacts = defineContract({
 *   host: { addContact: { input: z.object({ name: z.string() }), output: z.literal('added') } },
 *   guest: {},
 * });
 * declare const port: MessagePort;
 * const link: PortLink<typeof contacts, 'guest'> = await connectPort(port, { contract: contacts, as: 'guest' });
 * link.on('disconnect', ({ code }) => console.log('contacts line ended', code));
 * await link.remote.addContact({ name: 'Ada' });
 * link.destroy();
 * ```
 */
export interface PortLink<C extends Contract, S extends Side> {
  /** The other end's methods. Calls made before it listens wait for it, within `callTimeout`. */
  readonly remote: Remote<C[Other<S>]>;
  /**
   * Resolves once the other end is connected; rejects if it never comes, or the link ends
   * first. An introduced line resolves at once: the host made both ends, and what is sent
   * waits in the port until the other widget listens.
   */
  readonly ready: Promise<void>;
  /** Listens to `connect`, `disconnect` and `refused`; returns the function that removes the listener. */
  on<K extends keyof LinkEvents>(event: K, listener: (payload: LinkEvents[K]) => void): () => void;
  /** Counts since the link was made: connects, disconnects, refusals by reason. */
  stats(): Stats;
  /** Tells the other end, closes the port; calls on both ends settle. */
  destroy(): void;
}

/**
 * The guarded link over a port that arrived by any route: handed over by `transfer()`, from a
 * `grant()`, an introduction, a worker. A port link is never re-established: when the other end
 * goes (its `destroy()`, a missed heartbeat, a grant that ends), every call settles and the
 * link is over. It resolves at once: calls made before the other end listens wait for it
 * within `callTimeout`, and fail with `HANDSHAKE_TIMEOUT` if no one connects within
 * `handshakeTimeout`.
 *
 * @throws (rejects with) `FrameportError` `INVALID_OPTIONS` when `port` is not a `MessagePort`,
 * `as` is neither `'host'` nor `'guest'`, or an option is unknown or out of range.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { connectPort, defineContract, FrameportError } from 'frameport';
 *
 * const contacts = defineContract({
 *   host: { addContact: { input: z.object({ name: z.string() }), output: z.literal('added') } },
 *   guest: {},
 * });
 * declare const port: MessagePort; // e.g. the port a grant() handed us
 * const link = await connectPort(port, { contract: contacts, as: 'guest' });
 * await link.remote.addContact({ name: 'Ada' }); // 'added'
 * await link.remote.addContact({ name: 'Bob' }).catch((error: FrameportError) => console.log(error.code)); // 'EXHAUSTED' for a one-use grant
 * ```
 */
export function connectPort<C extends Contract = Contract<NoMethods, NoMethods>, S extends Side = Side>(
  port: MessagePort,
  options: PortOptions<C, S>,
): Promise<PortLink<C, S>> {
  try {
    return Promise.resolve(openPort(port, options, { holder: true }));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Why a grant ended, by the code its `end` notice carries. */
export const grantEnded: Readonly<Record<string, string>> = Object.freeze({
  REVOKED: 'the grant was revoked',
  EXHAUSTED: 'the grant has no uses left',
  EXPIRED: 'the grant has expired',
});

/** A grant's verdict, as its serving end sent it, keeps its code; any other error is left as it is. */
function takeGrantVerdict(error: unknown): never {
  const claimed = error instanceof FrameportError && error.code === 'REMOTE_ERROR' ? error.remoteCode : undefined;
  if (claimed !== undefined && Object.hasOwn(grantEnded, claimed))
    throw new FrameportError(claimed as FrameportErrorCode, (error as FrameportError).message);
  throw error;
}

/** What a grant or a worker link adds to a port link. */
export interface PortRules {
  /** The side this end plays, when the caller decides it (a worker link) rather than `options.as`. */
  side?: Side;
  /** Off for a worker: busy with one long task, it answers no ping, and a dead one says so (`error`). */
  heartbeat?: false;
  /** Who is at the other end, in the messages calls fail with. Default "the other end". */
  peer?: string;
  /**
   * A port link the app made itself (`connectPort`), whose other end may be a grant's serving
   * end: only it takes a grant's verdicts and `end` notice. Not a grant's serving end (a holder
   * cannot end a grant in its name), an introduced line or a worker (their peers are no grants,
   * and a peer's word must not become our code).
   */
  holder?: true;
  /** penpal's handshake, completed on this end (see `PortPolicy.handshake`). */
  handshake?: PortPolicy['handshake'];
  /** The link itself, once made (a grant's `revoke()` ends it). */
  made?: (link: Link<LinkEvents>) => void;
  handshakeTimeout?: number;
}

/** How a port link ends when its connection is lost: a port link is never made again. */
export function endWhenLost(link: Link<LinkEvents>, peer: string): (why: LostReason) => void {
  return (why) =>
    why === 'port handshake failed'
      ? link.end('HANDSHAKE_TIMEOUT', `${peer} did not connect within ${link.handshakeTimeout} ms`)
      : link.end('DISCONNECTED', why === 'flood' ? `${peer} flooded this end` : `${peer} closed the link`);
}

export function openPort<C extends Contract, S extends Side>(
  port: MessagePort,
  options: Omit<PortOptions<C, S>, 'as'> & { as?: S },
  rules: PortRules,
  extraKeys: readonly string[] = [],
): PortLink<C, S> {
  const side = rules.side ?? (typeof options === 'object' && options !== null ? options.as : undefined);
  if (side !== 'host' && side !== 'guest') {
    throw new FrameportError('INVALID_OPTIONS', "as must be 'host' or 'guest': the side of the contract this end plays");
  }
  if (!isMessagePort(port)) throw new FrameportError('INVALID_OPTIONS', 'the first argument must be a MessagePort');
  // Only the options this link reads: a worker link takes neither `as` nor `heartbeatInterval`.
  const keys = [...(rules.side ? [] : ['as']), ...(rules.heartbeat === false ? [] : ['heartbeatInterval']), ...extraKeys];
  const link = createLink<LinkEvents>(side, options, keys, { handshakeTimeout: rules.handshakeTimeout });
  const heartbeatInterval = duration(options.heartbeatInterval, 'heartbeatInterval', 1000);
  const peer = rules.peer ?? 'the other end';
  rules.made?.(link);
  let liveness: ReturnType<typeof watchLiveness> | undefined;
  let waiting = true;
  const ready = new Promise<void>((resolve, reject) => {
    link.onDestroy(() => {
      liveness?.stop();
      // Only if it is still waiting: an error's stack trace showed in the profile of every line's end.
      if (waiting) reject(new FrameportError('DESTROYED', `the link ended before ${peer} connected`));
    });
    link.open(port, 'port', {
      onActivity: () => liveness?.alive(),
      onConnected: (opened) => {
        // Either end may vanish without a word (a closed tab, a crashed worker): both ping.
        if (rules.heartbeat !== false) {
          liveness = watchLiveness({
            interval: heartbeatInterval,
            ping: () => opened.guard.ping(),
            onDead: () => link.end('DISCONNECTED', `${peer} stopped answering`),
          });
        }
        waiting = false;
        resolve();
      },
      onLost: endWhenLost(link, peer),
      ports: {
        declared: declaredPorts,
        handshake: rules.handshake,
        // The serving end of a grant says it has ended: our calls fail with its code from now on.
        // Only these three codes: a peer can end the link anyway, but not make it say anything else.
        notice: (notice, ports) => {
          const why =
            rules.holder && notice.type === 'end' && typeof notice.code === 'string' && Object.hasOwn(grantEnded, notice.code)
              ? grantEnded[notice.code]
              : undefined;
          if (!why) return false;
          for (const port of ports) port.close();
          link.end(notice.code as FrameportErrorCode, why);
          return true;
        },
      },
    });
  });
  ready.catch(() => undefined);
  // A grant's verdicts on our calls come as error replies from its serving end, which keeps the
  // rules: taken as they are on the one kind of link whose other end can be a grant. Elsewhere
  // (a widget link, an introduced line, a worker) such a claim stays REMOTE_ERROR, the claim
  // kept as remoteCode.
  const remote: Record<string, (input?: unknown) => Promise<unknown>> = Object.create(null);
  for (const [name, call] of Object.entries(link.remote))
    remote[name] = rules.holder ? (input) => call(input).catch(takeGrantVerdict) : call;
  return {
    remote: Object.freeze(remote) as Remote<C[Other<S>]>,
    ready,
    on: (event, listener) => link.events.on(event, listener),
    stats: link.stats,
    destroy: link.destroy,
  };
}
