import { FrameportError } from './errors.ts';

const registry: unique symbol = Symbol.for('frameport.transfers');

/**
 * What `transfer()` marked, by value, in one WeakMap per page under a registered symbol: the
 * script-tag bundles (one per entry) each carry a copy of this module, and
 * `Frameport.transfer()` must mark values for `FrameportGuest.connectToHost`'s link. Only
 * `transfer()` makes the map, so a widget that never calls it ships this lookup and nothing
 * else of this module. A script of the page that marks a value there could as well post it
 * itself, and one that put its own map there (to see what is sent) could as well wrap
 * `MessagePort.prototype.postMessage`: the page's scripts are trusted alike, so no new reach.
 */
type Marks = { [registry]?: WeakMap<object, Transferable[]> };

/**
 * The transferables `transfer()` marked `value` with, looked up as the core sends it (a call's
 * input, a handler's result); `undefined` for anything unmarked, primitives included (a
 * WeakMap's `get` answers `undefined` for a key it cannot hold).
 */
export const marked = (value: unknown): Transferable[] | undefined => (globalThis as Marks)[registry]?.get(value as object);

/**
 * Marks a call's input, or a handler's result, to be sent with `transferables` (a
 * `MessagePort`, an `ArrayBuffer`, an `ImageBitmap`, a stream where the browser transfers it):
 * moved, not copied, and gone from the sender. Returns `value` itself, marked: it must be an
 * object (the transferables go inside it, or are it). The receiving side's schema still decides
 * what it takes: a port its contract does not declare is refused and closed.
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
  if (typeof value !== 'object' || value === null)
    throw new FrameportError('INVALID_INPUT', 'transfer(): the value must be an object that holds the transferables, or one of them');
  ((globalThis as Marks)[registry] ??= new WeakMap()).set(value, [...transferables]);
  return value;
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
