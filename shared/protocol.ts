import { FrameportError, peerCodes, type FrameportErrorCode } from './errors.ts';
import type { Ack1Message, Ack2Message, CallMessage, DestroyMessage, SynMessage } from 'penpal';

/**
 * The wire format. Handshake messages travel by `window.postMessage`; after `connect`
 * everything travels on the private MessagePort: penpal's messages (its SYN/ACK handshake,
 * CALL, REPLY, DESTROY) plus our own control messages (heartbeat, resize), told apart by the
 * `frameport` marker.
 *
 * The validators are written by hand rather than as zod schemas: built with `zod/mini` they
 * would be most of the guest bundle (about 6 KB of the 10 KB budget), and they run on every
 * message. Each returns a fresh copy holding only the known fields, or `undefined`.
 */
export const PROTOCOL = 'frameport/1';

export interface HandshakeMessage {
  frameport: typeof PROTOCOL;
  type: 'ready' | 'connect';
  nonce: string;
}

export type ControlMessage =
  | { frameport: typeof PROTOCOL; type: 'ping' | 'pong'; seq: number }
  | { frameport: typeof PROTOCOL; type: 'resize'; height: number; width?: number };

export interface WireError {
  frameport: typeof PROTOCOL;
  code: string;
  message: string;
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;
const isId = (value: unknown): value is string => isText(value, 1, 128);
const isName = (value: unknown): value is string => isText(value, 0, 64);
/** A size in CSS pixels: a finite number, not negative. */
const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isOptionalBoolean = (value: unknown): value is boolean | undefined => value === undefined || typeof value === 'boolean';

/** True for anything that claims to be ours; the parsers then decide whether it is well formed. */
export function isFrameportMessage(data: unknown): data is Fields & { frameport: typeof PROTOCOL } {
  return isObject(data) && data.frameport === PROTOCOL;
}

export function parseHandshake(data: unknown, type: HandshakeMessage['type']): HandshakeMessage | undefined {
  if (!isFrameportMessage(data) || data.type !== type || !isText(data.nonce, 16, 128)) return undefined;
  return { frameport: PROTOCOL, type, nonce: data.nonce };
}

export function parseControl(data: unknown): ControlMessage | undefined {
  if (!isFrameportMessage(data)) return undefined;
  const { type } = data;
  if ((type === 'ping' || type === 'pong') && typeof data.seq === 'number' && Number.isFinite(data.seq)) {
    return { frameport: PROTOCOL, type, seq: data.seq };
  }
  if (type === 'resize' && isSize(data.height) && (data.width === undefined || isSize(data.width))) {
    return data.width === undefined
      ? { frameport: PROTOCOL, type, height: data.height }
      : { frameport: PROTOCOL, type, height: data.height, width: data.width };
  }
  return undefined;
}

const isPenpal = (data: unknown): data is Fields => isObject(data) && data.namespace === 'penpal' && data.channel === undefined;

/** penpal 7's CALL, narrowed to what frameport sends: a one-segment method path and one argument. */
export function parseCall(data: unknown): CallMessage | undefined {
  if (!isPenpal(data) || data.type !== 'CALL' || !isId(data.id)) return undefined;
  const { methodPath, args } = data;
  if (!Array.isArray(methodPath) || methodPath.length !== 1 || !isName(methodPath[0])) return undefined;
  if (!Array.isArray(args) || args.length > 1) return undefined;
  return {
    namespace: 'penpal',
    channel: undefined,
    type: 'CALL',
    id: data.id,
    methodPath: [methodPath[0]],
    args: args.length ? [args[0]] : [],
  };
}

/** A REPLY to one of our calls, as our call table takes it. */
export interface Reply {
  callId: string;
  isError: boolean;
  value: unknown;
}

/**
 * penpal's REPLY. `isSerializedErrorInstance` is not honoured: with it penpal would rebuild a
 * PenpalError from the peer's `penpalCode`; an error reply's value is read as a wire error.
 */
export function parseReply(data: unknown): Reply | undefined {
  if (!isPenpal(data) || data.type !== 'REPLY' || !isId(data.callId)) return undefined;
  const { isError, isSerializedErrorInstance, value } = data;
  if (!isOptionalBoolean(isError) || !isOptionalBoolean(isSerializedErrorInstance)) return undefined;
  return { callId: data.callId, isError: isError === true, value };
}

export function parseDestroy(data: unknown): DestroyMessage | undefined {
  return isPenpal(data) && data.type === 'DESTROY' ? { namespace: 'penpal', channel: undefined, type: 'DESTROY' } : undefined;
}

/** penpal's handshake on the port; ACK1's `methodPaths` is dropped (penpal 7 never reads it). */
export function parsePenpalHandshake(data: unknown): SynMessage | Ack1Message | Ack2Message | undefined {
  if (!isPenpal(data)) return undefined;
  if (data.type === 'SYN' && isId(data.participantId))
    return { namespace: 'penpal', channel: undefined, type: 'SYN', participantId: data.participantId };
  if (data.type === 'ACK1') return { namespace: 'penpal', channel: undefined, type: 'ACK1', methodPaths: [] };
  if (data.type === 'ACK2') return { namespace: 'penpal', channel: undefined, type: 'ACK2' };
  return undefined;
}

/** How a failure crosses the port: penpal carries it as the `value` of an error reply. */
export function toWireError(code: string, message: string): WireError {
  return { frameport: PROTOCOL, code, message };
}

const maxMessage = 500;

/**
 * A peer's error reply, as a FrameportError. Only the peer guard's verdicts keep their code
 * (`peerCodes`); anything else is `REMOTE_ERROR`, the claimed code kept apart as `remoteCode`.
 */
export function fromWireError(value: unknown, method: string): FrameportError {
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const message = typeof fields.message === 'string' ? fields.message.slice(0, maxMessage) : `${method}() failed`;
  const claimed = isFrameportMessage(value) && typeof fields.code === 'string' ? fields.code.slice(0, 64) : undefined;
  if (claimed !== undefined && peerCodes.has(claimed)) return new FrameportError(claimed as FrameportErrorCode, message);
  return new FrameportError(
    'REMOTE_ERROR',
    message,
    claimed === undefined || claimed === 'REMOTE_ERROR' ? undefined : { remoteCode: claimed },
  );
}
