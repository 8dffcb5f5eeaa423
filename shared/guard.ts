import type { InitializeMessengerOptions, Message, MessageHandler, Messenger } from 'penpal';
import type { MethodSpecs } from './contract.ts';
import { FrameportError, type FrameportErrorCode } from './errors.ts';
import {
  fromWireError,
  isFrameportMessage,
  parseCall,
  parseControl,
  parseDestroy,
  parsePenpalHandshake,
  parseReply,
  PROTOCOL,
  toWireError,
  type ControlMessage,
} from './protocol.ts';
import type { Limiter } from './rateLimit.ts';
import { validate, type Parsed, type Schema } from './schema.ts';
import type { Refusal, RefusedReason } from './stats.ts';
import { marked } from './transfer.ts';
import { valueProblem } from './valueCheck.ts';

/** How one of our calls ended, as the guard hands it to the call's record. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: FrameportError };

export interface GuardOptions {
  port: MessagePort;
  /** What the peer may call here. */
  local: MethodSpecs;
  /** What we call on the peer: results are checked against these output schemas. */
  remote: MethodSpecs;
  limiter: Limiter;
  /** Counts and reports a refusal; past `disconnectAfter` a second, the link owner drops the port. */
  refuse(refusal: Refusal): void;
  /** The method of our call `id` if it is waiting for a reply on this port. */
  awaiting(id: string): string | undefined;
  settle(id: string, outcome: Outcome): void;
  /** Size reports are taken only where this is given (the host). */
  onResize: ((size: { height: number; width?: number }) => void) | undefined;
  /** Any message from the peer: proof of life for the heartbeat. */
  onActivity(): void;
  onPeerDestroyed(): void;
  /**
   * Given only where this side takes ports (the capability code brings it): without it, every
   * port is refused and closed, and so is every notice the core does not know.
   */
  ports?: PortPolicy;
}

/** What a link that takes ports adds to its guard. */
export interface PortPolicy {
  /**
   * Whether the ports that came with a call or a result are all in its checked value
   * (`declaredPorts`); `value` is `undefined` for a result with no output schema.
   */
  declared(value: unknown, arrived: readonly MessagePort[]): boolean;
  /**
   * A `frameport` notice of a kind the core does not know (a grant's `end`, an introduction);
   * true if taken. Ports that came with it are the taker's; anything not taken is refused and
   * its ports closed.
   */
  notice?(notice: Record<string, unknown>, ports: readonly MessagePort[]): boolean;
  /**
   * Given penpal's outgoing handshake message, true if it is taken here and not sent; `deliver`
   * hands penpal a reply. For a port whose two ends one party made together (`introduce`).
   */
  handshake?(message: Message, deliver: (reply: Message) => void): boolean;
}

/** penpal's handshake on a port: each side sends SYN twice and one of them an ACK. */
const handshakeMessages = 3;

/**
 * The port's gatekeeper, and penpal's messenger. Every message the peer sends costs it
 * something before anything else looks at it (see `Limiter`); then the envelope is parsed, a
 * call's method is looked up among the contract's own names, its input gets the value check
 * and its schema, and only then does penpal see it. Results come back here too and are checked
 * the same way before they settle our call's record. A refused call is answered with an error
 * reply, so the caller's promise settles at once instead of at its timeout.
 *
 * penpal runs its real SYN/ACK handshake through here, but only that: once it has completed,
 * or after three handshake messages, another is refused, so a peer cannot make penpal answer
 * SYNs forever.
 */
export class GuardMessenger implements Messenger {
  #options: GuardOptions;
  #handlers = new Set<MessageHandler>();
  #handshakeLeft = handshakeMessages;
  #open = false;
  #ping = 0;
  #awaitingPong: number | undefined;
  /** Ports that came with the message being looked at: closed if it is refused. */
  #arrived: readonly MessagePort[] = [];

  constructor(options: GuardOptions) {
    this.#options = options;
  }

  initialize = (_: InitializeMessengerOptions): void => {
    const { port } = this.#options;
    port.addEventListener('message', this.#receive);
    port.addEventListener('messageerror', this.#receiveUnreadable);
    port.start();
  };

  /** Whether penpal's handshake has completed on this port. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** penpal's handshake completed: calls may come in, handshake messages may not. */
  opened(): void {
    this.#open = true;
    this.#handshakeLeft = 0;
  }

  /** penpal sends its handshake, replies and DESTROY through here; our calls go through `call`. */
  sendMessage = (message: Message): void => {
    if (this.#options.ports?.handshake?.(message, (reply) => this.#deliver(reply))) return;
    try {
      post(this.#options.port, message, (message as { value?: unknown }).value);
    } catch (error) {
      // penpal would rethrow a reply it cannot clone as an unhandled rejection; the caller
      // still needs an answer, and the handler's result is the handler's bug, not the link's.
      if (message.type !== 'REPLY' || !isCloneError(error)) throw error;
      this.#reply(message.callId, 'REMOTE_ERROR', 'the result could not be sent (structured clone failed)');
    }
  };

  /** Throws the browser's DataCloneError for input that cannot be cloned or transferred. */
  call(id: string, method: string, input: unknown): void {
    post(this.#options.port, { namespace: 'penpal', type: 'CALL', id, methodPath: [method], args: [input] }, input);
  }

  ping(): void {
    this.#awaitingPong = this.#ping += 1;
    this.#send({ frameport: PROTOCOL, type: 'ping', seq: this.#ping });
  }

  sendResize(size: { height: number; width?: number }): void {
    this.#send({ frameport: PROTOCOL, type: 'resize', ...size });
  }

  addMessageHandler = (handler: MessageHandler): void => {
    this.#handlers.add(handler);
  };

  removeMessageHandler = (handler: MessageHandler): void => {
    this.#handlers.delete(handler);
  };

  destroy = (): void => {
    const { port } = this.#options;
    port.removeEventListener('message', this.#receive);
    port.removeEventListener('messageerror', this.#receiveUnreadable);
    port.close();
    this.#handlers.clear();
  };

  #send(message: ControlMessage): void {
    this.#options.port.postMessage(message);
  }

  // Ports that came with an accepted message belong to its handler or caller from then on; a
  // refusal closes them. Refusals happen only while a message is dispatched, and each message
  // sets its own, so none can reach an earlier message's ports (even if a dispatch threw); they
  // are let go after it, not held until the next message.
  #receive = ({ data, ports }: MessageEvent): void => {
    this.#arrived = ports;
    this.#dispatch(data);
    this.#arrived = [];
  };

  #dispatch(data: unknown): void {
    const options = this.#options;
    options.onActivity();
    const type: unknown = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
    // Only a call, a reply or a notice takes ports. Anything else that brings one (a ping, a
    // pong, a resize report, penpal's handshake or DESTROY) is refused, which closes them:
    // taken as it is, its ports would stay open here, held by nobody.
    if (this.#arrived.length > 0 && !takesPorts(type, data))
      return this.#refuse('shape', 'INVALID_MESSAGE', 'ports with a message that takes none');
    // Each of these must answer something we sent, or match our display rate: they are
    // metered by that, not by the call bucket.
    if (type === 'REPLY') return this.#receiveReply(data);
    if (type === 'pong') return this.#receivePong(data);
    if (type === 'resize') return this.#receiveResize(data);
    // Never a protocol message, and what Chromium hands over, with no messageerror, for a
    // value nested too deep to deserialize: counted as unreadable.
    if (data === null)
      return this.#refuse('clone', 'INVALID_MESSAGE', 'an empty message (a value too deep to deserialize arrives as null)');
    if (!options.limiter.calls()) return this.#refuse('rate', 'RATE_LIMITED', 'over the rate limit', callIdOf(data, type), methodOf(data));
    // Calls first, whatever else they carry: every call must get an answer.
    if (type === 'CALL') return this.#receiveCall(data);
    if (type === 'ping') return this.#receivePing(data);
    const destroy = parseDestroy(data);
    if (destroy) return options.onPeerDestroyed();
    const handshake = parsePenpalHandshake(data);
    if (handshake && this.#handshakeLeft > 0) {
      this.#handshakeLeft -= 1;
      return this.#deliver(handshake);
    }
    if (isFrameportMessage(data) && options.ports?.notice?.(data, this.#arrived)) return;
    this.#refuse('shape', 'INVALID_MESSAGE', handshake ? `a penpal ${handshake.type} after the handshake` : 'not a protocol message');
  }

  #receiveUnreadable = (): void => {
    this.#options.onActivity();
    this.#refuse('clone', 'INVALID_MESSAGE', 'a message this browser could not deserialize');
  };

  #receiveCall(data: unknown): void {
    const call = parseCall(data);
    if (!call || !this.#open) {
      const why = call ? 'a call before the handshake completed' : 'a malformed call';
      return this.#refuse('shape', 'INVALID_MESSAGE', why, callIdOf(data, 'CALL'), methodOf(data));
    }
    const method = call.methodPath[0] ?? '';
    const spec = Object.hasOwn(this.#options.local, method) ? this.#options.local[method] : undefined;
    if (!spec) return this.#refuse('method', 'METHOD_NOT_FOUND', `no method "${method}" in the contract`, call.id, method);
    const input = call.args[0];
    const problem = valueProblem(input);
    if (problem) return this.#refuse('input', 'INVALID_INPUT', `${method}(): input has ${problem}`, call.id, method);
    const checked = this.#check(spec.input, input);
    if (!checked.ok) return this.#refuse('input', 'INVALID_INPUT', `${method}(): ${checked.message}`, call.id, method);
    this.#deliver({ ...call, args: [checked.value] });
  }

  #receiveReply(data: unknown): void {
    const options = this.#options;
    const reply = parseReply(data);
    const id = reply ? reply.callId : callIdOf(data, 'REPLY');
    const method = id === undefined ? undefined : options.awaiting(id);
    if (id === undefined || method === undefined) return this.#refuse('shape', 'INVALID_MESSAGE', 'a reply to no call of ours');
    if (!reply) return this.#fail(id, method, 'shape', 'INVALID_MESSAGE', `${method}(): the reply was malformed`);
    if (reply.isError) {
      // An error brings no ports: any that came are closed, not left to the collector.
      this.#closeArrived();
      return options.settle(id, { ok: false, error: fromWireError(reply.value, method) });
    }
    const problem = valueProblem(reply.value);
    if (problem) return this.#fail(id, method, 'output', 'INVALID_OUTPUT', `${method}(): the result has ${problem}`);
    const checked = this.#check(options.remote[method]?.output, reply.value);
    if (!checked.ok) {
      return this.#fail(
        id,
        method,
        'output',
        'INVALID_OUTPUT',
        `${method}(): the result does not match the output schema: ${checked.message}`,
      );
    }
    options.settle(id, { ok: true, value: checked.value });
  }

  /**
   * The schema's check (without one, as for a result with no output schema, anything goes), then
   * the ports that came with the message: on a link that takes none, any refuses the message;
   * on one that does, each must still be in the value as its schema let it through. Without a
   * schema nothing is declared, so no port is taken.
   */
  #check(schema: Schema | undefined, value: unknown): Parsed {
    const checked: Parsed = schema ? validate(schema, value) : { ok: true, value };
    const arrived = this.#arrived;
    // `schema && ...`: without a schema, nothing in the value is declared.
    const stray = checked.ok && arrived.length > 0 && !this.#options.ports?.declared(schema && checked.value, arrived);
    return stray ? { ok: false, message: strayPort } : checked;
  }

  /** Our call `id` fails here, locally, and the reply that made it fail is counted. */
  #fail(id: string, method: string, reason: RefusedReason, code: FrameportErrorCode, message: string): void {
    this.#refuse(reason, code, message, undefined, method);
    this.#options.settle(id, { ok: false, error: new FrameportError(code, message) });
  }

  #receivePing(data: unknown): void {
    const ping = parseControl(data);
    if (ping?.type !== 'ping') return this.#refuse('shape', 'INVALID_MESSAGE', 'a malformed ping');
    this.#send({ ...ping, type: 'pong' });
  }

  #receivePong(data: unknown): void {
    const pong = parseControl(data);
    if (pong?.type !== 'pong' || pong.seq !== this.#awaitingPong) {
      return this.#refuse('shape', 'INVALID_MESSAGE', 'a pong that answers no ping of ours');
    }
    this.#awaitingPong = undefined;
  }

  #receiveResize(data: unknown): void {
    const { onResize, limiter } = this.#options;
    if (!onResize) return this.#refuse('shape', 'INVALID_MESSAGE', 'a resize report: only a widget sends those');
    if (!limiter.resizes()) return this.#refuse('rate', 'RATE_LIMITED', 'resize reports faster than the display');
    const report = parseControl(data);
    if (report?.type !== 'resize')
      return this.#refuse('size', 'INVALID_MESSAGE', 'a resize report that is not a finite, non-negative size');
    onResize(report.width === undefined ? { height: report.height } : { height: report.height, width: report.width });
  }

  /** Hands a checked message to penpal. */
  #deliver(message: Message): void {
    for (const handler of this.#handlers) handler(message);
  }

  #reply(callId: string, code: FrameportErrorCode, message: string): void {
    this.#options.port.postMessage({ namespace: 'penpal', type: 'REPLY', callId, isError: true, value: toWireError(code, message) });
  }

  /** The ports that came with the message being looked at, which nobody takes. */
  #closeArrived(): void {
    for (const port of this.#arrived) port.close();
  }

  #refuse(reason: RefusedReason, code: FrameportErrorCode, message: string, callId?: string, method?: string): void {
    this.#closeArrived();
    // Answer a refused call, so it settles now; anything else is only dropped.
    if (callId !== undefined) this.#reply(callId, code, message);
    this.#options.refuse(method === undefined ? { reason, code, message } : { reason, code, message, method });
  }
}

/**
 * Sends `message` with the transferables `transfer()` marked `value` with (a call's input, a
 * reply's result). Unmarked, the one-argument form: `postMessage(message, undefined)` converts an
 * options dictionary on every call, and showed as a doubled self time per call in the profile.
 */
const post = (port: MessagePort, message: unknown, value: unknown): void => {
  const transfer = marked(value);
  if (transfer) port.postMessage(message, transfer);
  else port.postMessage(message);
};

// Undeclared by the contract, or on a link that takes no ports (a widget takes them with acceptPorts).
const strayPort = 'a port it does not take';

function takesPorts(type: unknown, data: unknown): boolean {
  return type === 'CALL' || type === 'REPLY' || (isFrameportMessage(data) && type !== 'ping' && type !== 'pong' && type !== 'resize');
}

function isCloneError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'DataCloneError';
}

function callIdOf(data: unknown, type: unknown): string | undefined {
  if (type !== 'CALL' && type !== 'REPLY') return undefined;
  const id: unknown = (data as { id?: unknown; callId?: unknown })[type === 'CALL' ? 'id' : 'callId'];
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

function methodOf(data: unknown): string | undefined {
  const path: unknown = typeof data === 'object' && data !== null ? (data as { methodPath?: unknown }).methodPath : undefined;
  const name: unknown = Array.isArray(path) ? path[0] : undefined;
  return typeof name === 'string' ? name.slice(0, 64) : undefined;
}
