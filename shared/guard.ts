import type { InitializeMessengerOptions, Message, MessageHandler, Messenger } from 'penpal';
import { parseWith, type MethodSpecs } from './contract.ts';
import type { FrameportErrorCode } from './errors.ts';
import {
  isFrameportMessage,
  parseCall,
  parseControl,
  parseDestroy,
  parseReply,
  toWireError,
  type ControlMessage,
} from './protocol.ts';
import type { RateLimiter } from './rateLimit.ts';
import type { Refusal, RefusedReason } from './refusals.ts';

export interface GuardOptions {
  port: MessagePort;
  /** What the peer may call here. */
  local: MethodSpecs;
  /** What we call on the peer: replies are checked against these output schemas. */
  remote: MethodSpecs;
  limiter: RateLimiter;
  refuse(refusal: Refusal): void;
  /** Any message from the peer: proof of life for the heartbeat. */
  onActivity(): void;
  onControl(message: ControlMessage): void;
  onPeerDestroyed(): void;
  /** The peer's refused messages passed `rateLimit.disconnectAfter` in a second: the side that owns this link drops it. */
  onFlood(): void;
}

/**
 * penpal's messenger for one private port, with every incoming message checked before penpal
 * sees it: rate limit first (cheap), then the envelope, then the method name against the
 * contract, then the input schema. Replies are matched to our own calls and checked against
 * the output schema. A refused call is answered with an error reply, so the caller's promise
 * settles at once instead of waiting for its timeout.
 *
 * penpal's own SYN/ACK handshake is answered here, locally: frameport's ready/connect has
 * already proved who is at the other end of this private port, so a second exchange over it
 * would only add two round trips. Each side instead sends one `hello`; the peer's `hello`
 * (always its first message, ports being in order) opens the link for calls. SYN or ACK from
 * a peer is never legitimate and is refused.
 */
export class GuardMessenger implements Messenger {
  #options: GuardOptions;
  #handlers = new Set<MessageHandler>();
  #validate: ((data: unknown) => data is Message) | undefined;
  /** Our calls awaiting a reply: id to method name. */
  #pending = new Map<string, string>();
  /** The peer's `hello` has arrived: calls may follow. */
  #greeted = false;

  constructor(options: GuardOptions) {
    this.#options = options;
  }

  initialize = ({ validateReceivedMessage }: InitializeMessengerOptions): void => {
    this.#validate = validateReceivedMessage;
    this.#options.port.addEventListener('message', this.#receive);
    this.#options.port.start();
  };

  sendMessage = (message: Message, transferables?: Transferable[]): void => {
    // penpal's handshake, played out locally: to its SYN, a peer's SYN whose id ("0") sorts
    // below any UUID, which makes ours the leader; to its ACK1, the follower's ACK2.
    if (message.type === 'SYN') return this.#deliverLater({ namespace: 'penpal', channel: undefined, type: 'SYN', participantId: '0' });
    if (message.type === 'ACK1') return this.#deliverLater({ namespace: 'penpal', channel: undefined, type: 'ACK2' });
    if (message.type === 'ACK2') return;
    // Cleared first: if posting throws (uncloneable input), no caller may take an older call's id.
    this.lastCallId = undefined;
    this.#options.port.postMessage(message, { transfer: transferables ?? [] });
    if (message.type === 'CALL') {
      this.#pending.set(message.id, message.methodPath[0] ?? '');
      this.lastCallId = message.id;
    }
  };

  /** The id of the call penpal sent last; penpal sends synchronously, so the caller reads it right after. */
  lastCallId: string | undefined;

  /**
   * Ends a call of ours with an error reply, as if the peer had sent it: penpal then rejects the
   * call and forgets it, and so do we. Used for timeouts, so no table grows with silent calls.
   */
  settle(callId: string, code: FrameportErrorCode, message: string): void {
    if (this.#pending.delete(callId)) this.#deliver(errorReply(callId, code, message));
  }

  sendControl(message: ControlMessage): void {
    this.#options.port.postMessage(message);
  }

  addMessageHandler = (handler: MessageHandler): void => {
    this.#handlers.add(handler);
  };

  removeMessageHandler = (handler: MessageHandler): void => {
    this.#handlers.delete(handler);
  };

  destroy = (): void => {
    this.#options.port.removeEventListener('message', this.#receive);
    this.#options.port.close();
    this.#handlers.clear();
    this.#pending.clear();
  };

  #receive = ({ data }: MessageEvent): void => {
    this.#options.onActivity();
    const type: unknown = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
    // Replies and pongs answer requests we made and are matched to them; resize reports are
    // coalesced per frame by the host. None of them spends the tokens that protect handlers.
    if (type === 'REPLY') return this.#receiveReply(data);
    if ((type === 'pong' || type === 'resize') && isFrameportMessage(data)) return this.#receiveControl(data);
    if (!this.#options.limiter.take()) {
      return this.#refuse('rate', 'RATE_LIMITED', 'over the rate limit', callIdOf(data, type), methodOf(data));
    }
    // Calls first, whatever else they carry: every call must get an answer.
    if (type === 'CALL') return this.#receiveCall(data);
    if (isFrameportMessage(data)) return this.#receiveControl(data);
    this.#receiveHandshake(data);
  };

  #receiveCall(data: unknown): void {
    const call = parseCall(data);
    if (!call || !this.#greeted) {
      const why = call ? 'a call before hello' : 'a malformed call';
      return this.#refuse('shape', 'INVALID_MESSAGE', why, callIdOf(data, 'CALL'), methodOf(data));
    }
    const method = call.methodPath[0] ?? '';
    const spec = Object.hasOwn(this.#options.local, method) ? this.#options.local[method] : undefined;
    if (!spec) {
      return this.#refuse('method', 'METHOD_NOT_FOUND', `no method "${method}" in the contract`, call.id, method);
    }
    const input = call.args[0];
    if (hasOwnProtoKey(input)) {
      return this.#refuse('input', 'INVALID_INPUT', `${method}(): input has an own "__proto__" key`, call.id, method);
    }
    const checked = parseWith(spec.input, input);
    if (!checked.ok) {
      return this.#refuse('input', 'INVALID_INPUT', `${method}(): ${checked.message}`, call.id, method);
    }
    this.#deliver({ ...call, args: [checked.value] });
  }

  #receiveReply(data: unknown): void {
    const reply = parseReply(data);
    const callId = reply ? reply.callId : callIdOf(data, 'REPLY');
    const method = callId === undefined ? undefined : this.#pending.get(callId);
    if (callId === undefined || method === undefined) {
      return this.#refuse('shape', 'INVALID_MESSAGE', 'a reply to no call of ours');
    }
    this.#pending.delete(callId);
    if (!reply) {
      this.#refuse('shape', 'INVALID_MESSAGE', `${method}(): a malformed reply`, undefined, method);
      return this.#deliver(errorReply(callId, 'INVALID_MESSAGE', `${method}(): the reply was malformed`));
    }
    const output = reply.isError ? undefined : this.#options.remote[method]?.output;
    if (!output) return this.#deliver(reply);
    const checked = parseWith(output, reply.value);
    if (!checked.ok) {
      const message = `${method}(): the result does not match the output schema: ${checked.message}`;
      this.#refuse('output', 'INVALID_OUTPUT', message, undefined, method);
      return this.#deliver(errorReply(callId, 'INVALID_OUTPUT', message));
    }
    this.#deliver({ namespace: 'penpal', channel: undefined, type: 'REPLY', callId, value: checked.value });
  }

  #receiveHandshake(data: unknown): void {
    const destroy = parseDestroy(data);
    if (!destroy) {
      // penpal's own handshake is answered locally (see above): a peer's SYN or ACK is never legitimate.
      const fields = typeof data === 'object' && data !== null ? (data as { namespace?: unknown; type?: unknown }) : {};
      const penpal = fields.namespace === 'penpal';
      const type = penpal ? String(fields.type).slice(0, 16) : '';
      return this.#refuse('shape', 'INVALID_MESSAGE', penpal ? `a penpal ${type}: frameport peers say hello` : 'not a protocol message');
    }
    this.#deliver(destroy);
    this.#options.onPeerDestroyed();
  }

  #receiveControl(data: unknown): void {
    const message = parseControl(data);
    if (!message) {
      const type = (data as { type?: unknown }).type;
      if (type === 'resize') return this.#refuse('size', 'INVALID_MESSAGE', 'a resize report that is not a finite, non-negative size');
      return this.#refuse('shape', 'INVALID_MESSAGE', 'a malformed control message');
    }
    if (message.type === 'ping') {
      this.sendControl({ ...message, type: 'pong' });
      return;
    }
    if (message.type === 'hello') {
      if (this.#greeted) return this.#refuse('shape', 'INVALID_MESSAGE', 'a second hello');
      this.#greeted = true;
    }
    this.#options.onControl(message);
  }

  /** After the current call stack: penpal is still inside the call that made us answer. */
  #deliverLater(message: Message): void {
    queueMicrotask(() => this.#deliver(message));
  }

  /** Hands a checked message to penpal. */
  #deliver(message: Message): void {
    if (!this.#validate?.(message)) return;
    for (const handler of this.#handlers) handler(message);
  }

  #refuse(reason: RefusedReason, code: FrameportErrorCode, message: string, callId?: string, method?: string): void {
    this.#options.refuse(method === undefined ? { reason, code, message } : { reason, code, message, method });
    // Answer a refused call, so it settles now; anything else is only dropped.
    if (callId !== undefined) this.#options.port.postMessage(errorReply(callId, code, message));
    // A peer that behaves is refused rarely; thousands a second, of any kind, is a flood.
    if (this.#options.limiter.flooded()) this.#options.onFlood();
  }
}

function errorReply(callId: string, code: FrameportErrorCode, message: string): Message {
  return { namespace: 'penpal', channel: undefined, type: 'REPLY', callId, isError: true, value: toWireError(code, message) };
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

/**
 * An own `__proto__` key survives structured cloning and turns into a prototype swap as soon
 * as a handler copies the object (`{ ...input }`, `Object.assign`). Schemas like `z.unknown()`
 * pass it through, so it is refused before any schema runs. Iterative: cloned data may be
 * deep or cyclic.
 */
function hasOwnProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    seen.add(item);
    if (Object.hasOwn(item, '__proto__')) return true;
    for (const child of Object.values(item)) stack.push(child);
  }
  return false;
}
