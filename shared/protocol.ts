import * as z from 'zod/mini';

/**
 * The wire format. Handshake messages travel by `window.postMessage`; after `connect`
 * everything travels on the private MessagePort: penpal's RPC messages plus our own control
 * messages (heartbeat, resize), told apart by the `frameport` marker.
 */
export const PROTOCOL = 'frameport/1';

const nonce = z.string().check(z.minLength(16), z.maxLength(128));
const id = z.string().check(z.minLength(1), z.maxLength(128));

export const readyMessage = z.object({ frameport: z.literal(PROTOCOL), type: z.literal('ready'), nonce });
export const connectMessage = z.object({ frameport: z.literal(PROTOCOL), type: z.literal('connect'), nonce });

/** A content size in CSS pixels: finite (zod 4 numbers are) and not negative. */
const size = z.number().check(z.gte(0));

export const controlMessage = z.discriminatedUnion('type', [
  z.object({ frameport: z.literal(PROTOCOL), type: z.literal('ping'), seq: z.number() }),
  z.object({ frameport: z.literal(PROTOCOL), type: z.literal('pong'), seq: z.number() }),
  z.object({ frameport: z.literal(PROTOCOL), type: z.literal('resize'), height: size, width: z.optional(size) }),
]);
export type ControlMessage = z.output<typeof controlMessage>;

/** True for anything that claims to be ours; the schemas then decide whether it is well formed. */
export function isFrameportMessage(data: unknown): data is { frameport: unknown; type: unknown } {
  return typeof data === 'object' && data !== null && (data as { frameport?: unknown }).frameport === PROTOCOL;
}

const penpal = { namespace: z.literal('penpal'), channel: z.optional(z.undefined()) };

/** penpal 7's messages, narrowed to what frameport sends: one-segment method paths, one argument. */
export const penpalCall = z.object({
  ...penpal,
  type: z.literal('CALL'),
  id,
  methodPath: z.tuple([z.string().check(z.maxLength(64))]),
  args: z.array(z.unknown()).check(z.maxLength(1)),
});

export const penpalReply = z.object({
  ...penpal,
  type: z.literal('REPLY'),
  callId: id,
  value: z.unknown(),
  isError: z.optional(z.boolean()),
  isSerializedErrorInstance: z.optional(z.boolean()),
});

export const penpalHandshake = z.discriminatedUnion('type', [
  z.object({ ...penpal, type: z.literal('SYN'), participantId: id }),
  z.object({
    ...penpal,
    type: z.literal('ACK1'),
    methodPaths: z.array(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(1))).check(z.maxLength(1000)),
  }),
  z.object({ ...penpal, type: z.literal('ACK2') }),
  z.object({ ...penpal, type: z.literal('DESTROY') }),
]);

/** How a failure crosses the port: penpal carries it as the `value` of an error reply. */
export const wireError = z.object({ frameport: z.literal(PROTOCOL), code: z.string(), message: z.string() });

export function toWireError(code: string, message: string): z.output<typeof wireError> {
  return { frameport: PROTOCOL, code, message };
}
