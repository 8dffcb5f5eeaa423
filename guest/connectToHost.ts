import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { exactOrigin } from '../shared/origin.ts';
import { requireBrowser } from '../shared/environment.ts';
import { FrameportError, type FrameportErrorCode } from '../shared/errors.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import { checkKeys, type CommonOptions } from '../shared/options.ts';
import { destroyOnAbort, signalOption } from '../shared/signal.ts';
import type { Stats } from '../shared/stats.ts';
import { startHandshake } from './handshake.ts';
import type { AcceptedPorts, IntroductionEvents } from '../shared/introductions.ts';
import type { PortLink } from '../shared/connectPort.ts';
import { watchSize, type ResizeOptions, type SizeWatcher } from './resize.ts';
import { guestStage } from './stage.ts';
import { reachGuard, type GuardReach } from './reach.ts';

type NoMethods = Record<never, never>;

/**
 * Options of `connectToHost`. `allowedOrigins` is required: a widget must name the sites that
 * may embed it, exactly, because any site can frame it, and a widget that answered any parent
 * would serve its methods (and its user's session) to whoever framed it. Unknown keys throw
 * `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import type { GuestOptions } from 'frameport/guest';
 *
 * const payment = defineContract({ host: {}, guest: { setAmount: { input: z.object({ amount: z.number() }), output: z.literal('ok') } } });
 * const options: GuestOptions<typeof payment> = {
 *   allowedOrigins: ['https://shop.example', 'https://staging.shop.example'],
 *   contract: payment,
 *   methods: { setAmount: (_input) => 'ok' },
 *   autoResize: { width: true },
 * };
 * ```
 */
export interface GuestOptions<C extends Contract> extends CommonOptions {
  /** Implementations of `contract.guest`: every declared method, and nothing else. */
  methods?: SideHandlers<C, 'guest'>;
  /** The exact origins of the sites allowed to embed this widget, e.g. `["https://shop.example"]`. */
  allowedOrigins: readonly string[];
  /** The contract shared with the host; `methods` implement its `guest` half, `remote` calls its `host` half. */
  contract?: C;
  /** Report the content size so the host can size the iframe (on by default); `{ width: true }` adds the width. */
  autoResize?: boolean | ResizeOptions;
  /**
   * The ports this widget takes: `acceptPorts()` for those its contract declares in calls, and
   * `acceptPorts({ [name]: { contract, as, methods } })` for lines to other widgets the host
   * introduces. Without it, every port is refused and closed.
   */
  ports?: AcceptedPorts;
  /** Aborting it is `destroy()`. Already aborted: the promise rejects with `DESTROYED` and nothing starts. */
  signal?: AbortSignal;
}

const guestKeys = ['allowedOrigins', 'autoResize', 'ports', 'signal'];

/**
 * What a connected guest reports, by event name: the link events (`connect` again after the
 * host page reconnects, `disconnect`, `refused`) and `introduced` for lines to other widgets.
 *
 * @example
 * ```ts
 * import { connectToHost, type GuestEvents } from 'frameport/guest';
 *
 * const host = await connectToHost({ allowedOrigins: ['https://shop.example'] });
 * const onRefused = ({ reason, origin }: GuestEvents['refused']) => console.warn('refused', reason, origin ?? '');
 * host.on('refused', onRefused);
 * host.on('disconnect', ({ code }) => console.log('host link ended:', code));
 * ```
 */
export interface GuestEvents extends LinkEvents, IntroductionEvents {}

/**
 * The widget's connection to its host, as `connectToHost` resolves to it: the host's methods,
 * the origin the connection is pinned to, and the controls.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { connectToHost, type HostConnection } from 'frameport/guest';
 *
 * const payment = defineContract({ host: { paid: { input: z.object({ orderId: z.string() }) } }, guest: {} });
 * const host: HostConnection<typeof payment> = await connectToHost({ allowedOrigins: ['https://shop.example'], contract: payment });
 * console.log('embedded by', host.hostOrigin);
 * await host.remote.paid({ orderId: 'A-1001' });
 * host.destroy();
 * ```
 */
export interface HostConnection<C extends Contract> {
  /** The host's methods. Calls made while reconnecting wait for it, within `callTimeout`. */
  readonly remote: Remote<C['host']>;
  /** The origin of the host this guest is connected to (one of `allowedOrigins`). */
  readonly hostOrigin: string;
  /** The live line of each introduction this widget took, by name; a line leaves it when it ends. */
  readonly ports: ReadonlyMap<string, PortLink<Contract, 'host' | 'guest'>>;
  /** Listens to one of {@link GuestEvents}; returns the function that removes the listener. */
  on<K extends keyof GuestEvents>(event: K, listener: (payload: GuestEvents[K]) => void): () => void;
  /** Counts since the call to `connectToHost`: connects, disconnects, refusals by reason. */
  stats(): Stats;
  /** Removes every listener and timer; pending calls reject with `DESTROYED`. */
  destroy(): void;
}

/**
 * Connects a widget to the page embedding it, if that page has one of `allowedOrigins`.
 * Resolves once connected. Rejects with `INVALID_OPTIONS`; at once with `UNSUPPORTED_ENVIRONMENT`
 * outside a frame, or `HOST_NOT_ALLOWED` where the browser names an embedding origin that
 * `allowedOrigins` lacks (`location.ancestorOrigins`); else with `HANDSHAKE_TIMEOUT`.
 *
 * The guest sends `ready` to its parent only at the listed origins, takes the host's port only
 * from its own parent window at one of them, then serves `methods` on it: inputs checked against
 * the contract, calls rate-limited, and its content size reported so the host can size the frame.
 *
 * @throws (rejects with) `FrameportError`: `INVALID_OPTIONS` (no or inexact `allowedOrigins`,
 * an unknown option, `ports` not from `acceptPorts`), `HOST_NOT_ALLOWED` (the embedding origin,
 * where the browser names it, is not in `allowedOrigins`), `HANDSHAKE_TIMEOUT` (no host answered
 * in time; the message names the parent and this widget's origin), `DESTROYED` (the `signal`
 * aborted), `UNSUPPORTED_ENVIRONMENT` (no DOM, or not in a frame).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { connectToHost } from 'frameport/guest';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 *
 * const host = await connectToHost({
 *   allowedOrigins: ['https://shop.example'],
 *   contract: payment,
 *   methods: {
 *     setAmount: ({ amount, currency }) => {
 *       document.querySelector('#total')!.textContent = `${amount} ${currency}`;
 *       return 'ok';
 *     },
 *   },
 * });
 * await host.remote.paid({ orderId: 'A-1001', amount: 42 });
 * ```
 */
export function connectToHost<C extends Contract = Contract<NoMethods, NoMethods>>(options: GuestOptions<C>): Promise<HostConnection<C>> {
  try {
    return start(options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function start<C extends Contract>(options: GuestOptions<C>): Promise<HostConnection<C>> {
  // Under frameport/testing's test host, the page is its stand-in, and Node will do.
  const staged = guestStage.page?.();
  const page = staged ?? (requireBrowser('connectToHost'), { window, watchSize });
  const given: unknown = options?.allowedOrigins;
  if (!Array.isArray(given) || given.length === 0) {
    throw new FrameportError('INVALID_OPTIONS', 'allowedOrigins must list the exact origins allowed to embed this widget');
  }
  const allowedOrigins = given.map((origin, index) => exactOrigin(origin, `allowedOrigins[${index}]`));
  const signal = signalOption(options.signal, 'connectToHost');
  const link = createLink<GuestEvents>('guest', options, guestKeys);
  if (options.ports !== undefined && typeof options.ports?.attach !== 'function')
    throw new FrameportError('INVALID_OPTIONS', 'ports must come from acceptPorts()');
  const autoResize = options.autoResize ?? true;
  if (typeof autoResize === 'object' && autoResize !== null) checkKeys(autoResize, ['width'], 'autoResize');
  else if (typeof autoResize !== 'boolean')
    throw new FrameportError('INVALID_OPTIONS', 'autoResize must be a boolean or { width: boolean }');

  // Fail at once where waiting cannot help: no parent, or one the browser names (Chromium and
  // Safari list the ancestors' origins; "null" is a sandboxed or hidden one) and we do not allow.
  // A test host stands in for the parent: its pairing checks the origins, as the browser would.
  const framedBy = staged ? undefined : location.ancestorOrigins?.[0];
  const parentOrigin = framedBy === 'null' ? undefined : framedBy;
  const failure = (code: FrameportErrorCode, why: string): FrameportError => {
    link.log?.('handshake failed:', why);
    return new FrameportError(code, why);
  };
  // Nothing has started yet: no listener, no timer.
  if ((page.window.parent as object) === page.window)
    throw failure('UNSUPPORTED_ENVIRONMENT', 'not in a frame: connectToHost runs in the widget iframe');
  if (parentOrigin && !allowedOrigins.includes(parentOrigin))
    throw failure('HOST_NOT_ALLOWED', `framed by ${parentOrigin}, not in allowedOrigins`);
  const accepted = options.ports?.attach(link);

  let hostOrigin = '';
  let hostPort: MessagePort | undefined;
  let stopHandshake: () => void = () => undefined;
  let sizes: SizeWatcher | undefined;
  let cooling: ReturnType<typeof setTimeout> | undefined;

  return new Promise<HostConnection<C>>((resolve, reject) => {
    const api: HostConnection<C> = {
      remote: link.remote as Remote<C['host']>,
      get hostOrigin() {
        return hostOrigin;
      },
      ports: accepted?.links ?? new Map(),
      on: (event, listener) => link.events.on(event, listener),
      stats: link.stats,
      destroy: link.destroy,
    };
    (api as unknown as Record<symbol, GuardReach>)[reachGuard] = () => (link.current?.guard.isOpen ? hostPort : undefined);

    const handshake = (): void => {
      stopHandshake = startHandshake({ window: page.window, allowedOrigins, refuse: link.refuse, report: link.report, onConnect });
    };

    const onConnect = (port: MessagePort, origin: string): void => {
      hostPort = port;
      link.open(port, origin, {
        ports: accepted?.ports,
        onConnected: () => {
          hostOrigin = origin;
          clearTimeout(timer);
          if (autoResize) {
            sizes?.resend();
            sizes ??= page.watchSize((size) => link.current?.guard.sendResize(size), autoResize === true ? {} : autoResize);
          }
          resolve(api);
        },
        // The host tore the link down (it thought us gone, or its page is leaving), or failed
        // its handshake: offer a new one. A host that flooded us waits out the cool-down.
        onLost: (why) => {
          if (link.destroyed) return;
          if (why === 'flood') cooling = setTimeout(handshake, link.coolUntil - performance.now());
          else handshake();
        },
      });
    };

    const timer = setTimeout(() => {
      // No `location` in Node, where the test kit runs a widget.
      const self = (globalThis.location as Location | undefined)?.origin ?? "this widget's origin";
      const why = `no answer from ${parentOrigin ?? allowedOrigins.join(' or ')} in ${link.handshakeTimeout} ms: does its mountWidget expect ${self}?`;
      reject(failure('HANDSHAKE_TIMEOUT', why));
      link.destroy();
    }, link.handshakeTimeout);

    link.onDestroy(destroyOnAbort(signal, link.destroy));
    link.onDestroy(() => {
      clearTimeout(timer);
      clearTimeout(cooling);
      sizes?.stop();
      stopHandshake();
      reject(new FrameportError('DESTROYED', 'destroyed before the host connected'));
    });
    handshake();
  });
}
