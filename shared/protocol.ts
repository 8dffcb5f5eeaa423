import type { CallMessage, DestroyMessage, ReplyMessage } from 'penpal';

/**
 * The wire format. Handshake messages travel by `window.postMessage`; after `connect`
 * everything travels on the private MessagePort: penpal's RPC messages plus our own control
 * messages (heartbeat, resize), told apart by the `frameport` marker.
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
  | { frameport: typeof PROTOCOL; type: 'hello' }
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
  if (type === 'hello') return { frameport: PROTOCOL, type };
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
  return { namespace: 'penpal', channel: undefined, type: 'CALL', id: data.id, methodPath: [methodPath[0]], args: args.length ? [args[0]] : [] };
}

/**
 * penpal's REPLY. `isSerializedErrorInstance` is dropped: with it penpal would rebuild a
 * PenpalError from the peer's `penpalCode`, letting a peer forge our own failure codes.
 */
export function parseReply(data: unknown): ReplyMessage | undefined {
  if (!isPenpal(data) || data.type !== 'REPLY' || !isId(data.callId)) return undefined;
  const { isError, isSerializedErrorInstance, value } = data;
  if (!isOptionalBoolean(isError) || !isOptionalBoolean(isSerializedErrorInstance)) return undefined;
  const reply = { namespace: 'penpal', channel: undefined, type: 'REPLY', callId: data.callId, value } as const;
  return isError ? { ...reply, isError: true } : reply;
}

/** penpal's DESTROY: the one penpal message besides CALL and REPLY a frameport peer sends. */
export function parseDestroy(data: unknown): DestroyMessage | undefined {
  return isPenpal(data) && data.type === 'DESTROY' ? { namespace: 'penpal', channel: undefined, type: 'DESTROY' } : undefined;
}

/** How a failure crosses the port: penpal carries it as the `value` of an error reply. */
export function toWireError(code: string, message: string): WireError {
  return { frameport: PROTOCOL, code, message };
}

export function parseWireError(value: unknown): WireError | undefined {
  if (!isFrameportMessage(value) || typeof value.code !== 'string' || typeof value.message !== 'string') return undefined;
  return toWireError(value.code, value.message);
}
