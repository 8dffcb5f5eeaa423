import { openPort, type PortLink, type PortOptions } from './connectPort.ts';
import type { Contract } from './contract.ts';
import { declaredPorts } from './declaredPorts.ts';
import { FrameportError } from './errors.ts';
import type { PortPolicy } from './guard.ts';
import type { Link, LinkEvents } from './link.ts';

type AnyLink = PortLink<Contract, 'host' | 'guest'>;

// The host made the line's two ends together and gave one to each widget: each end exists, and
// what it is sent waits in the port until the other listens. penpal's SYN/ACK round over the
// port would only add latency (about three quarters of an introduction, measured), so each end
// completes it on its own: its SYN answered by an ACK1 here, its ACK2 not sent. No handshake
// message then goes over the line, and the guard takes none from it.
const pairedHandshake: NonNullable<PortPolicy['handshake']> = (message, deliver) => {
  if (message.type === 'SYN') queueMicrotask(() => deliver({ namespace: 'penpal', channel: undefined, type: 'ACK1', methodPaths: [] }));
  return message.type === 'SYN' || message.type === 'ACK2';
};

/**
 * What a widget that takes introductions hears, besides the link events: one `introduced` per
 * line its host opened to another widget (again after that widget reloads: the old line is
 * destroyed and replaced under the same name).
 *
 * @example
 * ```ts
 * import { acceptPorts, type IntroductionEvents } from 'frameport';
 * import { connectToHost } from 'frameport/guest';
 *
 * const host = await connectToHost({ allowedOrigins: ['https://shop.example'], ports: acceptPorts({ checkout: { as: 'guest' } }) });
 * const onIntroduced = ({ name, link }: IntroductionEvents['introduced']) => {
 *   link.on('disconnect', () => console.log(`line ${name} ended; the host introduces again after a reload`));
 * };
 * host.on('introduced', onIntroduced);
 * ```
 */
export interface IntroductionEvents {
  /** The host introduced this widget to another one under `name`: `link` is the direct line. */
  introduced: {
    /** The name both widgets declared (`introduce(a, b, { name })`, `acceptPorts({ [name]: ... })`). */
    name: string;
    /** The direct line, a `connectPort` link of the declared contract and side. */
    link: AnyLink;
  };
}

/**
 * The ports a widget takes, made by `acceptPorts`; `connectToHost` attaches it to its link.
 * Opaque to the widget's code: pass it as `connectToHost({ ports })`, and take the lines from
 * the `introduced` event.
 *
 * @example
 * ```ts
 * import { acceptPorts, type AcceptedPorts } from 'frameport';
 * import { connectToHost } from 'frameport/guest';
 *
 * const ports: AcceptedPorts = acceptPorts({ checkout: { as: 'guest' } });
 * await connectToHost({ allowedOrigins: ['https://shop.example'], ports });
 * ```
 */
export interface AcceptedPorts {
  /** @internal `connectToHost`'s hook: the ports its guard takes, and the introductions' lines. */
  attach(link: Link<LinkEvents & IntroductionEvents>): {
    /** The live line of each introduction, by name. */
    links: ReadonlyMap<string, AnyLink>;
    /** What the widget link's guard takes: ports its contract declares, introductions it declared. */
    ports: PortPolicy;
  };
}

/**
 * Declares the ports a widget takes: those its contract declares in calls (`isMessagePort`), and
 * by name, the lines to other widgets it takes when its host introduces them (`introduce(a, b,
 * { name })`): `connectToHost({ ports: acceptPorts({ checkout: { contract, as: 'guest', methods }
 * }) })`. Each line arrives as a `connectPort` link of the declared contract, for the declared
 * side; any other name or side is refused (reason `method`) and its port closed. Without it, a
 * widget takes no port at all (each is refused and closed), and ships none of this code.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` when `specs` is not an object, or a line's `as` is
 * neither `'host'` nor `'guest'`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { acceptPorts, defineContract } from 'frameport';
 * import { connectToHost } from 'frameport/guest';
 *
 * const checkout = defineContract({ host: {}, guest: { total: { input: z.undefined(), output: z.number() } } });
 *
 * const shop = await connectToHost({
 *   allowedOrigins: ['https://shop.example'],
 *   ports: acceptPorts({ checkout: { contract: checkout, as: 'guest', methods: { total: () => 42 } } }),
 * });
 * shop.on('introduced', ({ name }) => console.log('a direct line:', name));
 * ```
 */
export function acceptPorts(specs: Readonly<Record<string, PortOptions<Contract, 'host' | 'guest'>>> = {}): AcceptedPorts {
  if (typeof specs !== 'object' || specs === null)
    throw new FrameportError('INVALID_OPTIONS', 'acceptPorts() takes { [name]: { contract, as, methods } }');
  for (const [name, spec] of Object.entries(specs)) {
    if (spec?.as !== 'host' && spec?.as !== 'guest')
      throw new FrameportError('INVALID_OPTIONS', `acceptPorts(): ${name}.as must be 'host' or 'guest'`);
  }
  return {
    attach(widget) {
      const links = new Map<string, AnyLink>();
      widget.onDestroy(() => {
        for (const link of links.values()) link.destroy();
        links.clear();
      });
      const onNotice: PortPolicy['notice'] = (notice, ports) => {
        if (notice.type !== 'introduce') return false;
        const { name, as } = notice;
        const [port] = ports;
        const spec = typeof name === 'string' && Object.hasOwn(specs, name) ? specs[name] : undefined;
        if (!spec || spec.as !== as || ports.length !== 1 || !port) {
          for (const each of ports) each.close();
          const label = String(name).slice(0, 64);
          widget.refuse({
            reason: 'method',
            code: 'METHOD_NOT_FOUND',
            message: `an introduction under a name or side this widget did not declare (${label})`,
          });
          return true;
        }
        // A new introduction under the same name replaces the old line (the other widget reloaded).
        links.get(name as string)?.destroy();
        // Listed while it lives: an ended line must not keep its port (closed, but held) in the map.
        const link = openPort(port, spec, {
          handshake: pairedHandshake,
          made: (made) =>
            made.onDestroy(() => {
              if (links.get(name as string) === link) links.delete(name as string);
            }),
        }) as AnyLink;
        links.set(name as string, link);
        widget.events.emit('introduced', { name: name as string, link });
        return true;
      };
      return { links, ports: { declared: declaredPorts, notice: onNotice } };
    },
  };
}
