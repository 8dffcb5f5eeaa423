import { connect, type Methods, type RemoteProxy } from 'penpal';
import type { MethodSpecs } from './contract.ts';
import type { Log } from './debug.ts';
import { FrameportError, isErrorCode } from './errors.ts';
import { createDeadlines } from './deadlines.ts';
import { parseWireError, PROTOCOL, toWireError, type ControlMessage } from './protocol.ts';
import { GuardMessenger } from './guard.ts';
import type { RateLimiter } from './rateLimit.ts';
import type { Refusal } from './refusals.ts';

export type Handler = (input: unknown) => unknown;
export type CloseCode = 'DISCONNECTED' | 'DESTROYED';

export interface ConnectionOptions {
  port: MessagePort;
  local: MethodSpecs;
  remote: MethodSpecs;
  handlers: Readonly<Record<string, Handler>>;
  limiter: RateLimiter;
  /** How long penpal's own handshake on the port may take. */
  handshakeTimeout: number;
  refuse(refusal: Refusal): void;
  onActivity(): void;
  onControl(message: ControlMessage): void;
  onPeerDestroyed(): void;
  onFlood(): void;
  log: Log | undefined;
}

/** One live link over one private port. A reload or reconnect makes a new one. */
export interface Connection {
  /** Settles when penpal's handshake on the port completes (or fails). */
  ready: Promise<void>;
  call(method: string, input: unknown, timeout: number | undefined): Promise<unknown>;
  sendControl(message: ControlMessage): void;
  close(code: CloseCode): void;
}

const maxMessage = 500;

export function openConnection(options: ConnectionOptions): Connection {
  let closedWith: CloseCode = 'DISCONNECTED';
  let greeted: () => void = () => undefined;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  const hello = new Promise<void>((resolve, reject) => {
    greeted = resolve;
    helloTimer = setTimeout(reject, options.handshakeTimeout);
  });
  const guard = new GuardMessenger({
    ...options,
    onControl: (message) => (message.type === 'hello' ? greeted() : options.onControl(message)),
  });
  const methods: Methods = Object.create(null);
  // Results are checked against the output schema by the side that receives them (the guard),
  // which is where the trust boundary is; checking them here as well would parse each twice.
  for (const name of Object.keys(options.local)) {
    const handler = options.handlers[name];
    if (!handler) continue;
    methods[name] = async (input: unknown) => {
      try {
        return await handler(input);
      } catch (error) {
        // A plain object, not an Error: penpal would drop our code and send the stack along.
        throw error instanceof FrameportError
          ? toWireError(error.code, error.message)
          : toWireError('REMOTE_ERROR', error instanceof Error ? error.message : `${name}() failed`);
      }
    };
  }
  const penpal = connect({ messenger: guard, methods, timeout: options.handshakeTimeout, log: options.log });
  // Ports deliver in order, so the peer's hello comes before anything else it sends.
  guard.sendControl({ frameport: PROTOCOL, type: 'hello' });
  const deadlines = createDeadlines();
  let remote: RemoteProxy | undefined;
  const ready = Promise.all([penpal.promise, hello]).then(
    ([proxy]) => {
      clearTimeout(helloTimer);
      remote = proxy;
    },
    () => {
      throw new FrameportError('HANDSHAKE_TIMEOUT', `no hello on the port within ${options.handshakeTimeout} ms`);
    },
  );

  return {
    ready,
    async call(method, input, timeout) {
      if (!remote) throw new FrameportError(closedWith, `${method}(): not connected`);
      // penpal's proxy answers every property name; the session only asks for declared ones.
      const invoke = remote[method] as unknown as (input: unknown) => Promise<unknown>;
      let callId: string | undefined;
      try {
        const reply = invoke(input);
        callId = guard.lastCallId;
        // Our own deadline rather than penpal's, which needs `window` and leaves our reply table behind.
        if (timeout !== undefined && callId !== undefined) {
          const id = callId;
          deadlines.add(id, timeout, () => guard.settle(id, 'CALL_TIMEOUT', `${method}() got no reply within ${Math.round(timeout)} ms`));
        }
        return await reply;
      } catch (error) {
        throw toFrameportError(error, method, closedWith);
      } finally {
        if (callId !== undefined) deadlines.delete(callId);
      }
    },
    sendControl: (message) => guard.sendControl(message),
    close(code) {
      closedWith = code;
      clearTimeout(helloTimer);
      deadlines.clear();
      penpal.destroy();
    },
  };
}

/** Turns whatever a call rejected with (ours from the wire, penpal's, a peer's) into a FrameportError. */
function toFrameportError(error: unknown, method: string, closedWith: CloseCode): FrameportError {
  const wire = parseWireError(error);
  if (wire) {
    const { code, message } = wire;
    return new FrameportError(isErrorCode(code) ? code : 'REMOTE_ERROR', message.slice(0, maxMessage));
  }
  const penpalCode: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  switch (penpalCode) {
    case 'CONNECTION_DESTROYED':
      return new FrameportError(
        closedWith,
        closedWith === 'DESTROYED' ? `${method}(): the connection was destroyed` : `${method}(): the other side disconnected`,
      );
    case 'TRANSMISSION_FAILED':
      return new FrameportError('INVALID_INPUT', `${method}(): the input cannot be sent (structured clone failed)`);
  }
  // A peer's error arrives as a plain value (often a serialized Error): keep only its message.
  const message: unknown = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return new FrameportError('REMOTE_ERROR', typeof message === 'string' ? message.slice(0, maxMessage) : `${method}() failed`);
}
