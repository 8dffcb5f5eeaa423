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
import { exactOrigin, httpUrl } from '../shared/origin.ts';
import { createRateLimiter } from '../shared/rateLimit.ts';
import { createStats, type Stats } from '../shared/refusals.ts';
import { createSession } from '../shared/session.ts';
import { listenForReady, sendConnect } from './handshake.ts';
import { createWidgetFrame } from './iframe.ts';
import { watchLiveness } from './liveness.ts';
import { createResizer, resizeOption, type AppliedSize, type AutoResizeOptions } from './resize.ts';

type NoMethods = Record<never, never>;

export interface MountOptions<C extends Contract> extends CommonOptions<C['host']> {
  /** Where the iframe goes. */
  container: Element;
  /** The widget's URL (http or https). */
  src: string | URL;
  /** The frame's accessible name. Required. */
  title: string;
  /** The exact origin the guest must have; defaults to the origin of `src`. */
  origin?: string;
  contract?: C;
  /** Sandbox tokens. Default: allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox. */
  sandbox?: readonly string[];
  /** Permission-policy features granted to the guest's origin (`payment`, `clipboard-write`...). Default none. */
  allow?: readonly string[];
  /** Required, as well as the token, before `allow-top-navigation` is accepted in `sandbox`. */
  allowTopNavigation?: boolean;
  /** Milliseconds between liveness pings; three missed pings mean the guest is gone. Default 1000. */
  heartbeatInterval?: number;
  /** Size the iframe to the guest's content (on by default), within these limits; `false` turns it off. */
  autoResize?: boolean | AutoResizeOptions;
}

export interface HostEvents extends LinkEvents {
  error: FrameportError;
  /** The iframe took a new size from the guest's report. */
  resize: AppliedSize;
}

export interface Widget<C extends Contract> {
  readonly iframe: HTMLIFrameElement;
  /** Resolves once the guest has connected; rejects with `HANDSHAKE_TIMEOUT` or `DESTROYED`. */
  readonly ready: Promise<void>;
  /** The guest's methods. Calls made before (re)connection wait for it, within `callTimeout`. */
  readonly remote: Remote<C['guest']>;
  on<K extends keyof HostEvents>(event: K, listener: (payload: HostEvents[K]) => void): () => void;
  stats(): Stats;
  /** Removes the iframe, every listener and timer; pending calls reject with `DESTROYED`. */
  destroy(): void;
}

/**
 * Creates the sandboxed iframe for a cross-origin widget and connects to it. Throws
 * `INVALID_OPTIONS` or `UNSAFE_SANDBOX` at once for options that cannot be right.
 */
export function mountWidget<C extends Contract = Contract<NoMethods, NoMethods>>(options: MountOptions<C>): Widget<C> {
  if (typeof options !== 'object' || options === null || !(options.container instanceof Element)) {
    throw new FrameportError('INVALID_OPTIONS', 'container must be an element');
  }
  const src = httpUrl(options.src, 'src', window.location.href);
  const origin = options.origin === undefined ? src.origin : exactOrigin(options.origin, 'origin');
  const contract = contractOption(options.contract);
  const handlers = handlersOption(contract.host, options.methods, 'host');
  const handshakeTimeout = duration(options.handshakeTimeout, 'handshakeTimeout', defaults.handshakeTimeout);
  const callTimeout = callTimeoutOption(options.callTimeout);
  const heartbeatInterval = duration(options.heartbeatInterval, 'heartbeatInterval', 1000);
  const resizeLimits = resizeOption(options.autoResize);
  // One bucket per widget, not per connection: reloading the frame must not refill it.
  const limiter = createRateLimiter(options.rateLimit);
  const iframe = createWidgetFrame({
    guestOrigin: origin,
    title: options.title,
    sandbox: options.sandbox,
    allow: options.allow,
    allowTopNavigation: options.allowTopNavigation,
  });

  const log = createLog(options.debug, 'host');
  const events = createEmitter<HostEvents>();
  const stats = createStats();
  const session = createSession(contract.guest, callTimeout);
  const resizer = resizeLimits && createResizer(iframe, resizeLimits, (size) => events.emit('resize', size));
  let nonce: string | undefined;
  let liveness: ReturnType<typeof watchLiveness> | undefined;
  let destroyed = false;
  /** Until when a widget that flooded us is not taken back (performance.now() time). */
  let coolUntil = 0;
  const link = createLink({
    session,
    stats,
    events,
    log,
    onDrop: () => {
      liveness?.stop();
      liveness = undefined;
    },
  });
  const refuse = link.refuse;

  let settleReady: { resolve(): void; reject(error: FrameportError): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // Also reported as an `error` event; nobody has to await `ready`.
  ready.catch(() => undefined);

  const onReady = (readyNonce: string): void => {
    // The same document repeats its ready (back-off) until our connect arrives.
    if (readyNonce === nonce) return;
    if (performance.now() < coolUntil) {
      refuse({ reason: 'rate', code: 'RATE_LIMITED', message: 'a ready during the cool-down after a flood', origin });
      return;
    }
    // A new nonce from our frame is a new document (reload) or a guest that restarted:
    // link.open() drops the old connection.
    nonce = readyNonce;
    const port = sendConnect(iframe, origin, readyNonce);
    if (!port) return;
    link.open(
      {
        port,
        local: contract.host,
        remote: contract.guest,
        handlers,
        limiter,
        handshakeTimeout,
        onActivity: () => liveness?.alive(),
        onControl: (message) => {
          if (message.type === 'resize') resizer?.request(message.width === undefined ? { height: message.height } : message);
          else liveness?.alive(message);
        },
      },
      origin,
      {
        onConnected: (opened) => {
          clearTimeout(handshakeTimer);
          liveness = watchLiveness({
            interval: heartbeatInterval,
            send: (message) => opened.sendControl(message),
            onDead: () => {
              if (link.current === opened) link.drop('DISCONNECTED');
            },
          });
          settleReady?.resolve();
        },
        // A reloaded guest sends a new ready by itself; a flooder waits out the cool-down first.
        onLost: (why) => {
          if (why === 'flood') coolUntil = performance.now() + limiter.cooldown;
        },
      },
    );
  };

  const handshakeTimer = setTimeout(() => {
    const error = new FrameportError('HANDSHAKE_TIMEOUT', `no valid ready from ${origin} within ${handshakeTimeout} ms`);
    settleReady?.reject(error);
    events.emit('error', error);
  }, handshakeTimeout);

  // A load is a new document: the old port may be dead, and only a ping can tell.
  const onLoad = (): void => liveness?.probe();
  const stopListening = listenForReady({ iframe, origin, onReady, refuse });
  iframe.addEventListener('load', onLoad);
  iframe.src = src.href;
  options.container.append(iframe);

  return {
    iframe,
    ready,
    remote: session.remote as Remote<C['guest']>,
    on: (event, listener) => events.on(event, listener),
    stats: () => stats.snapshot(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopListening();
      iframe.removeEventListener('load', onLoad);
      clearTimeout(handshakeTimer);
      resizer?.stop();
      link.drop('DESTROYED');
      session.destroy();
      settleReady?.reject(new FrameportError('DESTROYED', 'the widget was destroyed before it connected'));
      iframe.remove();
      events.clear();
    },
  };
}
