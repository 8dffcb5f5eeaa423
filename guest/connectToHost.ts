import type { Contract, Remote } from '../shared/contract.ts';
import { createLog } from '../shared/debug.ts';
import { FrameportError } from '../shared/errors.ts';
import { createEmitter } from '../shared/events.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import {
  callTimeoutOption,
  contractOption,
  defaults,
  handlersOption,
  type CommonOptions,
} from '../shared/options.ts';
import { duration } from '../shared/duration.ts';
import { exactOrigin } from '../shared/origin.ts';
import { createRateLimiter } from '../shared/rateLimit.ts';
import { createStats, type Stats } from '../shared/refusals.ts';
import { createSession } from '../shared/session.ts';
import { startHandshake } from './handshake.ts';
import { watchSize, type ResizeOptions, type SizeWatcher } from './resize.ts';

type NoMethods = Record<never, never>;

export interface GuestOptions<C extends Contract> extends CommonOptions<C['guest']> {
  /** The exact origins of the sites allowed to embed this widget, e.g. `["https://shop.example"]`. */
  allowedOrigins: readonly string[];
  contract?: C;
  /** Report the content size so the host can size the iframe (on by default); `{ width: true }` adds the width. */
  autoResize?: boolean | ResizeOptions;
}

export type GuestEvents = LinkEvents;

export interface HostConnection<C extends Contract> {
  /** The host's methods. Calls made while reconnecting wait for it, within `callTimeout`. */
  readonly remote: Remote<C['host']>;
  /** The origin of the host this guest is connected to (one of `allowedOrigins`). */
  readonly hostOrigin: string;
  on<K extends keyof GuestEvents>(event: K, listener: (payload: GuestEvents[K]) => void): () => void;
  stats(): Stats;
  /** Removes every listener and timer; pending calls reject with `DESTROYED`. */
  destroy(): void;
}

/**
 * Connects a widget to the page embedding it, if that page has one of `allowedOrigins`.
 * Resolves once connected; rejects with `INVALID_OPTIONS` or `HANDSHAKE_TIMEOUT`.
 */
export function connectToHost<C extends Contract = Contract<NoMethods, NoMethods>>(
  options: GuestOptions<C>,
): Promise<HostConnection<C>> {
  try {
    return start(options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function start<C extends Contract>(options: GuestOptions<C>): Promise<HostConnection<C>> {
  const given: unknown = options?.allowedOrigins;
  if (!Array.isArray(given) || given.length === 0) {
    throw new FrameportError('INVALID_OPTIONS', 'allowedOrigins must list the exact origins allowed to embed this widget');
  }
  const allowedOrigins = given.map((origin, index) => exactOrigin(origin, `allowedOrigins[${index}]`));
  const contract = contractOption(options.contract);
  const handlers = handlersOption(contract.guest, options.methods, 'guest');
  const handshakeTimeout = duration(options.handshakeTimeout, 'handshakeTimeout', defaults.handshakeTimeout);
  const callTimeout = callTimeoutOption(options.callTimeout);
  const limiter = createRateLimiter(options.rateLimit);
  const autoResize = options.autoResize ?? true;
  if (typeof autoResize !== 'boolean' && (typeof autoResize !== 'object' || autoResize === null)) {
    throw new FrameportError('INVALID_OPTIONS', 'autoResize must be a boolean or { width: boolean }');
  }

  const log = createLog(options.debug, 'guest');
  const events = createEmitter<GuestEvents>();
  const stats = createStats();
  const session = createSession(contract.host, callTimeout);
  const link = createLink({ session, stats, events, log });
  let hostOrigin = '';
  let stopHandshake: () => void = () => undefined;
  let sizes: SizeWatcher | undefined;
  let cooling: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  return new Promise<HostConnection<C>>((resolve, reject) => {
    const api: HostConnection<C> = {
      remote: session.remote as Remote<C['host']>,
      get hostOrigin() {
        return hostOrigin;
      },
      on: (event, listener) => events.on(event, listener),
      stats: () => stats.snapshot(),
      destroy() {
        if (destroyed) return;
        destroyed = true;
        clearTimeout(timer);
        clearTimeout(cooling);
        sizes?.stop();
        stopHandshake();
        link.drop('DESTROYED');
        session.destroy();
        events.clear();
        reject(new FrameportError('DESTROYED', 'destroyed before the host connected'));
      },
    };

    const handshake = (): void => {
      stopHandshake = startHandshake({ allowedOrigins, refuse: link.refuse, onConnect });
    };

    const onConnect = (port: MessagePort, origin: string): void => {
      link.open(
        {
          port,
          local: contract.guest,
          remote: contract.host,
          handlers,
          limiter,
          handshakeTimeout,
          onActivity: () => undefined,
          onControl: () => undefined,
        },
        origin,
        {
          onConnected: () => {
            hostOrigin = origin;
            clearTimeout(timer);
            if (autoResize) {
              sizes?.resend();
              sizes ??= watchSize((message) => link.current?.sendControl(message), autoResize === true ? {} : autoResize);
            }
            resolve(api);
          },
          // The host tore the link down (it thought us gone, or its page is leaving), or failed
          // its handshake: offer a new one. A host that flooded us waits out the cool-down.
          onLost: (why) => {
            if (destroyed) return;
            if (why === 'flood') cooling = setTimeout(() => !destroyed && handshake(), limiter.cooldown);
            else handshake();
          },
        },
      );
    };

    const timer = setTimeout(() => {
      stopHandshake();
      link.drop('DESTROYED');
      session.destroy();
      destroyed = true;
      reject(new FrameportError('HANDSHAKE_TIMEOUT', `no host among ${allowedOrigins.join(', ')} answered within ${handshakeTimeout} ms`));
    }, handshakeTimeout);

    handshake();
  });
}
