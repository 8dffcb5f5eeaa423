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
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, isMessagePort, transfer } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * const contract = defineContract({ host: {}, guest: { takePort: { input: z.object({ port: z.custom<MessagePort>(isMessagePort) }) } } });
 * const widget = mountWidget({ container: document.body, src: 'https://editor.example/', title: 'Editor', contract });
 * const { port1, port2 } = new MessageChannel();
 * await widget.remote.takePort(transfer({ port: port2 }, [port2]));
 * port1.postMessage('hello over our own channel');
 * ```
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
 * A port that arrives with a call must be declared this way where it lands in the input, or the
 * message is refused and the port closed: a peer cannot make you hold channels.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { z } from 'zod';
 * import { isMessagePort } from 'frameport';
 *
 * const withPort = z.object({ port: z.custom<MessagePort>(isMessagePort) });
 * const withPortValibot = v.object({ port: v.custom<MessagePort>(isMessagePort) });
 * ```
 */
export function isMessagePort(value: unknown): value is MessagePort {
  return typeof MessagePort === 'function' && value instanceof MessagePort;
}
