const brand: unique symbol = Symbol.for('frameport.transfer');

/** A value to send with transferables, as `transfer()` marks it. */
export interface Transfer<T = unknown> {
  readonly value: T;
  readonly transferables: readonly Transferable[];
  readonly [brand]: true;
}

/**
 * Marks a call's input, or a handler's result, to be sent with `transferables` (a
 * `MessagePort`, an `ArrayBuffer`, an `ImageBitmap`, a stream where the browser transfers it):
 * moved, not copied, and gone from the sender. The receiving side's schema still decides what
 * it takes: a port its contract does not declare is refused and closed.
 *
 * @example
 * const { port1, port2 } = new MessageChannel();
 * await widget.remote.takePort(transfer({ port: port2 }, [port2]));
 */
export function transfer<T>(value: T, transferables: readonly Transferable[]): T {
  // Typed as the value itself, so it fits wherever the contract expects the value.
  return Object.freeze({ value, transferables: [...transferables], [brand]: true }) as unknown as T;
}

export function isTransfer(value: unknown): value is Transfer {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * A schema check for "a MessagePort": use it with any schema library, e.g.
 * `z.custom<MessagePort>(isMessagePort)` (zod) or `v.custom<MessagePort>(isMessagePort)` (valibot).
 */
export function isMessagePort(value: unknown): value is MessagePort {
  return typeof MessagePort === 'function' && value instanceof MessagePort;
}
