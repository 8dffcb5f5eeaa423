import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { exactOrigin } from '../shared/origin.ts';
import { requireBrowser } from '../shared/environment.ts';
import { FrameportError } from '../shared/errors.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import { checkKeys, type CommonOptions } from '../shared/options.ts';
import { destroyOnAbort, signalOption } from '../shared/signal.ts';
import type { Stats } from '../shared/stats.ts';
import { startHandshake } from './handshake.ts';
import type { AcceptedPorts, IntroductionEvents } from '../shared/introductions.ts';
import type { PortLink } from '../shared/connectPort.ts';
import { watchSize, type ResizeOptions, type SizeWatcher } from './resize.ts';
import { reachGuard, type GuardReach } from './reach.ts';

type NoMethods = Record<never, never>;

export interface GuestOptions<C extends Contract> extends CommonOptions {
  /** Implementations of `contract.guest`: every declared method, and nothing else. */
  methods?: SideHandlers<C, 'guest'>;
  /** The exact origins of the sites allowed to embed this widget, e.g. `["https://shop.example"]`. */
  allowedOrigins: readonly string[];
  contract?: C;
  /** Report the content size so the host can size the iframe (on by default); `{ width: true }` adds the width. */
  autoResize?: boolean | ResizeOptions;
  /** Lines to other widgets this one takes when the host introduces them: `acceptPorts({ [name]: { contract, as, methods } })`. */
  ports?: AcceptedPorts;
  /** Aborting it is `destroy()`. Already aborted: the promise rejects with `DESTROYED` and nothing starts. */
  signal?: AbortSignal;
}

const guestKeys = ['allowedOrigins', 'autoResize', 'ports', 'signal'];

export interface GuestEvents extends LinkEvents, IntroductionEvents {}

export interface HostConnection<C extends Contract> {
  /** The host's methods. Calls made while reconnecting wait for it, within `callTimeout`. */
  readonly remote: Remote<C['host']>;
  /** The origin of the host this guest is connected to (one of `allowedOrigins`). */
  readonly hostOrigin: string;
  /** The current link of each introduction this widget took, by name. */
  readonly ports: ReadonlyMap<string, PortLink<Contract, 'host' | 'guest'>>;
  on<K extends keyof GuestEvents>(event: K, listener: (payload: GuestEvents[K]) => void): () => void;
  stats(): Stats;
  /** Removes every listener and timer; pending calls reject with `DESTROYED`. */
  destroy(): void;
}

/**
 * Connects a widget to the page embedding it, if that page has one of `allowedOrigins`.
 * Resolves once connected; rejects with `INVALID_OPTIONS` or `HANDSHAKE_TIMEOUT`.
 */
export function connectToHost<C extends Contract = Contract<NoMethods, NoMethods>>(options: GuestOptions<C>): Promise<HostConnection<C>> {
  try {
    return start(options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function start<C extends Contract>(options: GuestOptions<C>): Promise<HostConnection<C>> {
  requireBrowser('connectToHost');
  const given: unknown = options?.allowedOrigins;
  if (!Array.isArray(given) || given.length === 0) {
    throw new FrameportError('INVALID_OPTIONS', 'allowedOrigins must list the exact origins allowed to embed this widget');
  }
  const allowedOrigins = given.map((origin, index) => exactOrigin(origin, `allowedOrigins[${index}]`));
  const signal = signalOption(options.signal, 'connectToHost');
  const link = createLink<GuestEvents>('guest', options, guestKeys);
  if (options.ports !== undefined && typeof options.ports?.attach !== 'function') {
    throw new FrameportError('INVALID_OPTIONS', 'ports must come from acceptPorts({ [name]: { contract, as, methods } })');
  }
  const introductions = options.ports?.attach(link.events, link.refuse);
  const autoResize = options.autoResize ?? true;
  if (typeof autoResize === 'object' && autoResize !== null) checkKeys(autoResize, ['width'], 'autoResize');
  else if (typeof autoResize !== 'boolean')
    throw new FrameportError('INVALID_OPTIONS', 'autoResize must be a boolean or { width: boolean }');

  let hostOrigin = '';
  let stopHandshake: () => void = () => undefined;
  let sizes: SizeWatcher | undefined;
  let cooling: ReturnType<typeof setTimeout> | undefined;

  return new Promise<HostConnection<C>>((resolve, reject) => {
    const api: HostConnection<C> = {
      remote: link.remote as Remote<C['host']>,
      get hostOrigin() {
        return hostOrigin;
      },
      ports: introductions?.links ?? new Map(),
      on: (event, listener) => link.events.on(event, listener),
      stats: link.stats,
      destroy: link.destroy,
    };
    (api as unknown as Record<symbol, GuardReach>)[reachGuard] = () => link.current?.guard;

    const handshake = (): void => {
      stopHandshake = startHandshake({ allowedOrigins, refuse: link.refuse, report: link.report, onConnect });
    };

    const onConnect = (port: MessagePort, origin: string): void => {
      link.open(port, origin, {
        onNotice: introductions?.onNotice,
        onConnected: () => {
          hostOrigin = origin;
          clearTimeout(timer);
          if (autoResize) {
            sizes?.resend();
            sizes ??= watchSize((size) => link.current?.guard.sendResize(size), autoResize === true ? {} : autoResize);
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
      reject(
        new FrameportError('HANDSHAKE_TIMEOUT', `no host among ${allowedOrigins.join(', ')} answered within ${link.handshakeTimeout} ms`),
      );
      link.destroy();
    }, link.handshakeTimeout);

    link.onDestroy(destroyOnAbort(signal, link.destroy));
    link.onDestroy(() => {
      introductions?.close();
      clearTimeout(timer);
      clearTimeout(cooling);
      sizes?.stop();
      stopHandshake();
      reject(new FrameportError('DESTROYED', 'destroyed before the host connected'));
    });
    handshake();
  });
}
