import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import { requireBrowser } from '../shared/environment.ts';
import { duration, type CommonOptions } from '../shared/options.ts';
import { exactOrigin, httpUrl } from '../shared/origin.ts';
import { destroyOnAbort, signalOption } from '../shared/signal.ts';
import type { Stats } from '../shared/stats.ts';
import { listenForReady, sendConnect } from './handshake.ts';
import { createWidgetFrame } from './iframe.ts';
import { watchLiveness } from '../shared/liveness.ts';
import { guards } from './introduce.ts';
import { createResizer, resizeOption, type AppliedSize, type AutoResizeOptions } from './resize.ts';
import { answerShares, shareOption, type ShareMode } from './share.ts';

type NoMethods = Record<never, never>;

export interface MountOptions<C extends Contract> extends CommonOptions {
  /** Implementations of `contract.host`: every declared method, and nothing else. */
  methods?: SideHandlers<C, 'host'>;
  /** Where the iframe goes. */
  container: Element;
  /** The widget's URL (http or https). */
  src: string | URL;
  /** The frame's accessible name. Required. */
  title: string;
  /**
   * The exact origin the guest must have, or several (a widget behind a redirect, or served from
   * two hosts); defaults to the origin of `src`. Exact strings, never patterns: the one that
   * answers is the one the connection is pinned to, and `connect` reports it.
   */
  origin?: string | readonly string[];
  /** Aborting it is `destroy()`. Already aborted: `mountWidget` throws `DESTROYED` and creates nothing. */
  signal?: AbortSignal;
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
  /**
   * Web Share for the widget: `'allow'` grants `web-share` to its frame; `'delegate'` shares on
   * its behalf when its `share()` asks, after checking the data, this page's user activation
   * (a click in the widget gives it one) and one share per activation; `false` (the default)
   * answers every request `refused`.
   */
  share?: ShareMode;
}

const mountKeys = [
  'container',
  'src',
  'title',
  'origin',
  'sandbox',
  'allow',
  'allowTopNavigation',
  'heartbeatInterval',
  'autoResize',
  'signal',
  'share',
];

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
  requireBrowser('mountWidget');
  if (typeof options !== 'object' || options === null || !(options.container instanceof Element)) {
    throw new FrameportError('INVALID_OPTIONS', 'container must be an element');
  }
  const signal = signalOption(options.signal, 'mountWidget');
  const link = createLink<HostEvents>('host', options, mountKeys);
  const src = httpUrl(options.src, 'src', window.location.href);
  const origins = originsOption(options.origin, src.origin);
  const heartbeatInterval = duration(options.heartbeatInterval, 'heartbeatInterval', 1000);
  const resizeLimits = resizeOption(options.autoResize);
  const share = shareOption(options.share);
  const { allow } = options;
  const iframe = createWidgetFrame({
    origins,
    srcOrigin: src.origin,
    title: options.title,
    sandbox: options.sandbox,
    allow: share === 'allow' && (allow === undefined || Array.isArray(allow)) ? [...(allow ?? []), 'web-share'] : allow,
    allowTopNavigation: options.allowTopNavigation,
  });

  const { events, handshakeTimeout } = link;
  const resizer = resizeLimits && createResizer(iframe, resizeLimits, (size) => events.emit('resize', size));
  // One per widget, not per connection: a reload must not refill the activation it spent.
  const onNotice = answerShares(share, link.refuse);
  let nonce: string | undefined;
  let liveness: ReturnType<typeof watchLiveness> | undefined;

  let settleReady: { resolve(): void; reject(error: FrameportError): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // Also reported as an `error` event; nobody has to await `ready`.
  ready.catch(() => undefined);

  const stopLiveness = (): void => {
    liveness?.stop();
    liveness = undefined;
  };

  const onReady = (readyNonce: string, origin: string): void => {
    // Each ready costs a MessageChannel and the live connection: a frame that reloads itself
    // in a loop spends its budget and, past the breaker, waits out the cool-down.
    if (!link.limiter.readies()) {
      return link.refuse({ reason: 'rate', code: 'RATE_LIMITED', message: 'ready messages faster than a widget reloads', origin });
    }
    // The same document repeats its ready (back-off) until our connect arrives.
    if (readyNonce === nonce) return;
    if (performance.now() < link.coolUntil) {
      return link.refuse({ reason: 'rate', code: 'RATE_LIMITED', message: 'a ready during the cool-down after a flood', origin });
    }
    // A new nonce from our frame is a new document (reload) or a guest that restarted:
    // link.open() drops the old connection.
    nonce = readyNonce;
    const port = sendConnect(iframe, origin, readyNonce);
    if (!port) return;
    stopLiveness();
    link.open(port, origin, {
      onResize: resizer ? (size) => resizer.request(size) : undefined,
      onActivity: () => liveness?.alive(),
      onNotice,
      onConnected: (opened) => {
        clearTimeout(handshakeTimer);
        liveness = watchLiveness({
          interval: heartbeatInterval,
          ping: () => opened.guard.ping(),
          onDead: () => {
            if (link.current === opened) link.drop();
          },
        });
        settleReady?.resolve();
      },
      // A reloaded guest sends a new ready by itself; a flooder waits out the cool-down first.
      onLost: stopLiveness,
    });
  };

  const handshakeTimer = setTimeout(() => {
    const error = new FrameportError('HANDSHAKE_TIMEOUT', `no valid ready from ${origins.join(' or ')} within ${handshakeTimeout} ms`);
    settleReady?.reject(error);
    events.emit('error', error);
  }, handshakeTimeout);

  // A load is a new document: the old port may be dead, and only a ping can tell.
  const onLoad = (): void => liveness?.probe();
  const stopListening = listenForReady({ iframe, origins, onReady, refuse: link.refuse, report: link.report });
  iframe.addEventListener('load', onLoad);
  link.onDestroy(destroyOnAbort(signal, link.destroy));
  link.onDestroy(() => {
    stopListening();
    iframe.removeEventListener('load', onLoad);
    clearTimeout(handshakeTimer);
    stopLiveness();
    resizer?.stop();
    settleReady?.reject(new FrameportError('DESTROYED', 'the widget was destroyed before it connected'));
    iframe.remove();
  });
  iframe.src = src.href;
  options.container.append(iframe);

  const widget: Widget<C> = {
    iframe,
    ready,
    remote: link.remote as Remote<C['guest']>,
    on: (event, listener) => events.on(event, listener),
    stats: link.stats,
    destroy: link.destroy,
  };
  guards.set(widget, () => (link.current?.guard.isOpen ? link.current.guard : undefined));
  return widget;
}

/** `origin` as a list of exact origins: the origin of `src` when not given, never empty. */
function originsOption(value: unknown, srcOrigin: string): readonly string[] {
  if (value === undefined) return [srcOrigin];
  if (!Array.isArray(value)) return [exactOrigin(value, 'origin')];
  if (value.length === 0) throw new FrameportError('INVALID_OPTIONS', 'origin must list at least one exact origin');
  return value.map((each, index) => exactOrigin(each, `origin[${index}]`));
}
