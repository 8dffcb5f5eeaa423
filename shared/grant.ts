import { grantEnded, openPort, type PortLink, type PortOptions } from './connectPort.ts';
import type { Contract } from './contract.ts';
import { FrameportError, type FrameportErrorCode } from './errors.ts';
import type { Link, LinkEvents } from './link.ts';
import { duration } from './options.ts';
import { PROTOCOL } from './protocol.ts';

type Side = 'host' | 'guest';
type Handler = (input: unknown) => unknown;

/**
 * Options of `grant`: a port link's options for the serving end, plus the rules the grant
 * enforces there. Without `uses` or `expiresIn` a grant lasts until `revoke()`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, type GrantOptions } from 'frameport';
 *
 * const contacts = defineContract({
 *   host: { addContact: { input: z.object({ name: z.string() }), output: z.literal('added') } },
 *   guest: {},
 * });
 * const oneContactForAMinute: GrantOptions<typeof contacts, 'host'> = {
 *   contract: contacts,
 *   as: 'host',
 *   methods: { addContact: (_input) => 'added' },
 *   uses: 1,
 *   expiresIn: 60_000,
 * };
 * ```
 */
export interface GrantOptions<C extends Contract, S extends Side> extends PortOptions<C, S> {
  /** Calls the holder may make in all; after the last one's reply the grant ends (`EXHAUSTED`). */
  uses?: number;
  /** Milliseconds after which the grant ends (`EXPIRED`). */
  expiresIn?: number;
}

/**
 * A capability in hand: the port to give away, and the serving end's controls. Revoke the grants
 * you hand out when you are done: a grant waits for a holder for as long as it lives.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, grant, type Grant } from 'frameport';
 *
 * const contacts = defineContract({
 *   host: { addContact: { input: z.object({ name: z.string() }), output: z.literal('added') } },
 *   guest: {},
 * });
 * const addContacts: Grant<typeof contacts, 'host'> = grant({ contract: contacts, as: 'host', methods: { addContact: (_input) => 'added' } });
 * addContacts.on('refused', ({ reason }) => console.warn('grant refused a call:', reason));
 * // When the game is closed:
 * addContacts.revoke();
 * ```
 */
export interface Grant<C extends Contract, S extends Side> extends Pick<PortLink<C, S>, 'on' | 'stats'> {
  /** The other end of the channel: give it away (`transfer()` it in a call); whoever holds it calls `connectPort` on it. */
  readonly port: MessagePort;
  /** Ends the grant now: the holder's calls, pending and later, fail with `REVOKED`, and the port closes. */
  revoke(): void;
}

/**
 * A capability: serves `methods` on a fresh channel and hands back the other end to give away.
 * The rules (uses, expiry, rate, revocation) stay with this serving end, so the port can be
 * forwarded any number of times (site → game → the game's worker) and is never widened by it.
 * When it ends, the holder's calls, pending and later, fail with `REVOKED`, `EXHAUSTED` or
 * `EXPIRED`, and a call that still reaches this end is refused with the same code.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` for `uses` that is not a whole number of at least 1,
 * an `expiresIn` that is not a positive number, or any option `connectPort` refuses.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, grant, isMessagePort, transfer } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * const contacts = defineContract({
 *   host: { addContact: { input: z.object({ name: z.string().max(200) }), output: z.literal('added') } },
 *   guest: {},
 * });
 * const game = defineContract({ host: {}, guest: { takeContacts: { input: z.object({ port: z.custom<MessagePort>(isMessagePort) }) } } });
 *
 * const gameWidget = mountWidget({ container: document.body, src: 'https://game.example/', title: 'Game', contract: game });
 * const addOne = grant({
 *   contract: contacts,
 *   as: 'host',
 *   uses: 1,
 *   methods: {
 *     addContact: ({ name }) => {
 *       localStorage.setItem(`contact:${name}`, name);
 *       return 'added';
 *     },
 *   },
 * });
 * await gameWidget.ready;
 * await gameWidget.remote.takeContacts(transfer({ port: addOne.port }, [addOne.port]));
 * ```
 */
export function grant<C extends Contract, S extends Side>(options: GrantOptions<C, S>): Grant<C, S> {
  const uses = options?.uses;
  if (uses !== undefined && (!Number.isInteger(uses) || uses < 1))
    throw new FrameportError('INVALID_OPTIONS', 'uses must be a whole number, 1 or more');
  const expiresIn = options?.expiresIn === undefined ? undefined : duration(options.expiresIn, 'expiresIn', 0);
  const { port1, port2 } = new MessageChannel();
  let link: Link<LinkEvents> | undefined;
  let used = 0;
  const limit = uses ?? Infinity;
  const finish = (code: FrameportErrorCode): void => {
    if (!link || link.destroyed) return;
    clearTimeout(timer);
    // The notice first, on the port, so the holder's calls fail with this code, not a disconnect
    // (queued for whoever takes the port, if nobody holds it yet).
    port1.postMessage({ frameport: PROTOCOL, type: 'end', code });
    link.end(code, grantEnded[code] ?? code);
  };

  /**
   * The rules, where the methods run: the guard has checked the call (contract, input, rate),
   * and a call past the last use is refused with EXHAUSTED (reason `grant`) without running. The
   * last use's reply goes out in the microtasks after its result settles: the grant ends in the
   * task after.
   */
  const serve =
    (name: string, handler: Handler): Handler =>
    (input) => {
      if (used >= limit) {
        const message = `${name}(): ${grantEnded.EXHAUSTED}`;
        link?.refuse({ reason: 'grant', code: 'EXHAUSTED', message, method: name });
        throw new FrameportError('EXHAUSTED', message);
      }
      used += 1;
      if (used !== limit) return handler(input);
      const end = (): void => void setTimeout(() => finish('EXHAUSTED'));
      try {
        const result = handler(input);
        Promise.resolve(result).then(end, end);
        return result;
      } catch (error) {
        end();
        throw error;
      }
    };
  const given: unknown = options?.methods;
  // Only functions are wrapped, and only where uses are counted: anything else is left for the
  // link's own check of `methods`.
  const methods =
    uses !== undefined && typeof given === 'object' && given !== null
      ? Object.fromEntries(
          Object.entries(given).map(([name, handler]) => [name, typeof handler === 'function' ? serve(name, handler as Handler) : handler]),
        )
      : given;
  const served = openPort(
    port1,
    { ...options, methods } as GrantOptions<C, S>,
    // No holder yet is no failure: the port may travel through several hands first.
    { handshakeTimeout: Infinity, made: (made) => (link = made) },
    ['uses', 'expiresIn'],
  );
  const timer = expiresIn === undefined ? undefined : setTimeout(() => finish('EXPIRED'), expiresIn);
  link?.onDestroy(() => clearTimeout(timer));
  return {
    port: port2,
    revoke: () => finish('REVOKED'),
    on: served.on,
    stats: served.stats,
  };
}
