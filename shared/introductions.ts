import { openPort, type PortLink, type PortOptions } from './connectPort.ts';
import type { Contract } from './contract.ts';
import { FrameportError } from './errors.ts';
import type { Emitter } from './events.ts';
import type { Refusal } from './stats.ts';

type AnyLink = PortLink<Contract, 'host' | 'guest'>;

export interface IntroductionEvents {
  /** The host introduced this widget to another one under `name`: `link` is the direct line. */
  introduced: { name: string; link: AnyLink };
}

/** The introductions a widget takes, made by `acceptPorts`; `connectToHost` attaches it to its link. */
export interface AcceptedPorts {
  attach(
    events: Pick<Emitter<IntroductionEvents>, 'emit'>,
    refuse: (refusal: Refusal) => void,
  ): {
    onNotice(notice: Record<string, unknown>, ports: readonly MessagePort[]): boolean;
    links: ReadonlyMap<string, AnyLink>;
    close(): void;
  };
}

/**
 * Declares, by name, the lines to other widgets this widget takes when its host introduces
 * them (`introduce(a, b, { name })`): `connectToHost({ ports: acceptPorts({ checkout: {
 * contract, as: 'guest', methods } }) })`. Each arrives as a `connectPort` link of the declared
 * contract, for the declared side; any other name or side is refused (reason `method`) and its
 * port closed. A function, so that a widget that takes no introductions ships none of this.
 *
 * @example
 * const ports = acceptPorts({ checkout: { contract: checkout, as: 'guest', methods: { total } } });
 */
export function acceptPorts(specs: Readonly<Record<string, PortOptions<Contract, 'host' | 'guest'>>>): AcceptedPorts {
  if (typeof specs !== 'object' || specs === null)
    throw new FrameportError('INVALID_OPTIONS', 'acceptPorts() takes { [name]: { contract, as, methods } }');
  for (const [name, spec] of Object.entries(specs)) {
    if (spec?.as !== 'host' && spec?.as !== 'guest')
      throw new FrameportError('INVALID_OPTIONS', `acceptPorts(): ${name}.as must be 'host' or 'guest'`);
  }
  return {
    attach(events, refuse) {
      const links = new Map<string, AnyLink>();
      return {
        links,
        onNotice(notice, ports) {
          if (notice.type !== 'introduce') return false;
          const { name, as } = notice;
          const [port] = ports;
          const spec = typeof name === 'string' && Object.hasOwn(specs, name) ? specs[name] : undefined;
          if (!spec || spec.as !== as || ports.length !== 1 || !port) {
            for (const each of ports) each.close();
            const label = String(name).slice(0, 64);
            refuse({
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
            made: (made) =>
              made.onDestroy(() => {
                if (links.get(name as string) === link) links.delete(name as string);
              }),
          }) as AnyLink;
          links.set(name as string, link);
          events.emit('introduced', { name: name as string, link });
          return true;
        },
        close() {
          for (const link of links.values()) link.destroy();
          links.clear();
        },
      };
    },
  };
}
