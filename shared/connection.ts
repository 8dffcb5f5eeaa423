import { connect, type Methods } from 'penpal';
import type { Log } from './debug.ts';
import { FrameportError } from './errors.ts';
import { GuardMessenger, type GuardOptions } from './guard.ts';
import { toWireError } from './protocol.ts';

export type Handler = (input: unknown) => unknown;

export interface ConnectionOptions extends Omit<GuardOptions, 'onPeerDestroyed'> {
  handlers: Readonly<Record<string, Handler>>;
  /** How long penpal's handshake on the port may take; `Infinity` waits for good. */
  handshakeTimeout: number;
  log: Log | undefined;
  /** The peer said DESTROY, or penpal's handshake on the port failed. */
  onLost(why: 'peer closed it' | 'port handshake failed'): void;
}

/** One live link over one private port. A reload or reconnect makes a new one. */
export interface Connection {
  /** Resolves when penpal's handshake on the port completes; then `guard.opened()` has run. */
  readonly ready: Promise<void>;
  readonly guard: GuardMessenger;
  /** Tells the peer (penpal's DESTROY) and closes the port. */
  close(): void;
}

/**
 * penpal serves our handlers over the guard; our calls go out through the guard directly and
 * are recorded by the side's call table (`calls.ts`), because penpal's calling side cannot
 * settle a call locally (a timeout, a disconnect) without a reply from the peer, and times each
 * call with `window.setTimeout`.
 */
export function openConnection(options: ConnectionOptions): Connection {
  const guard = new GuardMessenger({ ...options, onPeerDestroyed: () => options.onLost('peer closed it') });
  const methods: Methods = Object.create(null);
  for (const name of Object.keys(options.local)) {
    const handler = options.handlers[name];
    if (!handler) continue;
    // Not an async function: penpal awaits the result anyway, and a second promise per call
    // showed in the pipelined figure.
    const fail = (error: unknown): never => {
      // A plain object, not an Error: penpal would send the stack along.
      throw error instanceof FrameportError
        ? toWireError(error.code, error.message)
        : toWireError('REMOTE_ERROR', error instanceof Error ? error.message : `${name}() failed`);
    };
    methods[name] = (input: unknown) => {
      try {
        const result = handler(input);
        // Any thenable, not only this realm's Promise: a rejection must not reach penpal raw.
        return typeof (result as PromiseLike<unknown> | undefined)?.then === 'function' ? Promise.resolve(result).catch(fail) : result;
      } catch (error) {
        return fail(error);
      }
    };
  }
  // No `timeout` for penpal: its timer would outlive `destroy()` by up to the whole timeout.
  const penpal = connect({ messenger: guard, methods, log: options.log });
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ready = Promise.race([
    penpal.promise,
    new Promise((_, reject) => {
      // A grant waits for whoever ends up holding its port, however long that takes.
      if (options.handshakeTimeout === Infinity) return;
      timer = setTimeout(
        () => reject(new FrameportError('HANDSHAKE_TIMEOUT', `no penpal handshake on the port within ${options.handshakeTimeout} ms`)),
        options.handshakeTimeout,
      );
    }),
  ]).then(
    () => {
      clearTimeout(timer);
      guard.opened();
    },
    (error: unknown) => {
      if (!closed) options.onLost('port handshake failed');
      throw error;
    },
  );
  // Reported through onLost; nobody has to await it.
  ready.catch(() => undefined);
  return {
    ready,
    guard,
    close() {
      closed = true;
      clearTimeout(timer);
      penpal.destroy();
    },
  };
}
