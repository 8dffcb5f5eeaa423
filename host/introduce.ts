import type { Contract } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { PROTOCOL } from '../shared/protocol.ts';

/** Each mounted widget's port while it is connected, for `introduce`: only this module reaches into widgets. */
export const widgetPorts = new WeakMap<object, () => MessagePort | undefined>();

/**
 * Gives two widgets a direct line: one end of a fresh channel each, `a` as the `host` side of
 * the contract and `b` as its `guest`, under `name`. Each widget takes it only if it declared
 * that name in `connectToHost({ ports: acceptPorts({ [name]: ... }) })`; from then on the page
 * carries nothing between them. When either widget reloads, the other's link ends
 * (`DISCONNECTED`); introduce them again.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` for a `name` that is not 1 to 64 letters, digits,
 * `_` or `-`, or a widget introduced to itself; `DISCONNECTED` unless both widgets are connected.
 *
 * @example
 * ```ts
 * import { introduce, mountWidget } from 'frameport/host';
 *
 * const chat = mountWidget({ container: document.body, src: 'https://chat.example/', title: 'Chat' });
 * const payment = mountWidget({ container: document.body, src: 'https://pay.example/', title: 'Card payment' });
 * await Promise.all([chat.ready, payment.ready]);
 * introduce(chat, payment, { name: 'checkout' });
 * // After a reload the line is gone: introduce again on each new connection.
 * chat.on('connect', () => introduce(chat, payment, { name: 'checkout' }));
 * ```
 */
export function introduce(a: object, b: object, { name }: { name: string; contract?: Contract }): void {
  if (typeof name !== 'string' || !/^[\w-]{1,64}$/.test(name))
    throw new FrameportError('INVALID_OPTIONS', 'name must be 1 to 64 letters, digits, _ or -');
  const [first, second] = [widgetPorts.get(a)?.(), widgetPorts.get(b)?.()];
  if (!first || !second) throw new FrameportError('DISCONNECTED', 'introduce(): both widgets must be connected');
  if (first === second) throw new FrameportError('INVALID_OPTIONS', 'introduce(): a widget cannot be introduced to itself');
  const { port1, port2 } = new MessageChannel();
  first.postMessage({ frameport: PROTOCOL, type: 'introduce', name, as: 'host' }, [port1]);
  second.postMessage({ frameport: PROTOCOL, type: 'introduce', name, as: 'guest' }, [port2]);
}
