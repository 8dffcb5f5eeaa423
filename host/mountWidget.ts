import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import { createLink, type LinkEvents } from '../shared/link.ts';
import { requireBrowser } from '../shared/environment.ts';
import { duration, type CommonOptions } from '../shared/options.ts';
import { exactOrigin } from '../shared/origin.ts';
import { destroyOnAbort, signalOption } from '../shared/signal.ts';
import type { Refusal, Stats } from '../shared/stats.ts';
import { listenForReady, sendConnect } from './handshake.ts';
import { createWidgetFrame } from './iframe.ts';
import { widgetSrc } from './src.ts';
import { watchLiveness } from '../shared/liveness.ts';
import { declaredPorts } from '../shared/declaredPorts.ts';
import { widgetPorts } from './introduce.ts';
import { createResizer, resizeOption, type AppliedSize, type AutoResizeOptions } from './resize.ts';
import { answerShares, shareOption, type ShareMode } from './share.ts';

type NoMethods = Record<never, never>;

/**
 * Options of `mountWidget`. `container`, `src` and `title` are required; everything else has a
 * safe default (the README's "Options" table lists them). Unknown keys, nested ones included,
 * throw `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import type { MountOptions } from 'frameport/host';
 *
 * const payment = defineContract({ host: { paid: { input: z.object({ orderId: z.string() }) } }, guest: {} });
 * const options: MountOptions<typeof payment> = {
 *   container: document.querySelector('#checkout')!,
 *   src: 'https://pay.example/widget.html',
 *   title: 'Card payment',
 *   origin: ['https://pay.example', 'https://eu.pay.example'],
 *   contract: payment,
 *   methods: { paid: ({ orderId }) => console.log('paid', orderId) },
 *   allow: ['payment'],
 *   autoResize: { maxHeight: 800 },
 * };
 * ```
 */
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
  /** The contract shared with the widget; `methods` implement its `host` half, `remote` calls its `guest` half. */
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

/**
 * What a mounted widget reports, by event name: the link events (`connect`, `disconnect`,
 * `refused`) plus `error` and `resize`.
 *
 * @example
 * ```ts
 * import { mountWidget, type HostEvents } from 'frameport/host';
 *
 * const widget = mountWidget({ container: document.body, src: 'https://chat.example/', title: 'Chat' });
 * const onError = (error: HostEvents['error']) => console.error('chat widget failed to connect:', error.message);
 * widget.on('error', onError);
 * widget.on('resize', ({ height }) => console.debug('chat is now', height, 'px tall'));
 * ```
 */
export interface HostEvents extends LinkEvents {
  /** The first handshake timed out (`HANDSHAKE_TIMEOUT`): the same error `ready` rejects with, for those who do not await it. */
  error: FrameportError;
  /** The iframe took a new size from the guest's report. */
  resize: AppliedSize;
}

/**
 * A mounted widget, returned at once by `mountWidget`: the frame, the promise of the first
 * connection, the guest's methods and the controls. It reconnects by itself when the widget
 * reloads (`disconnect`, then `connect`); only `destroy()` (or the `signal`) ends it.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { mountWidget, type Widget } from 'frameport/host';
 *
 * const payment = defineContract({ host: {}, guest: { setAmount: { input: z.object({ amount: z.number() }) } } });
 * const widget: Widget<typeof payment> = mountWidget({ container: document.body, src: 'https://pay.example/', title: 'Pay', contract: payment });
 * widget.iframe.classList.add('payment-frame');
 * widget.on('connect', () => void widget.remote.setAmount({ amount: 42 }));
 * console.log(widget.stats().connects);
 * widget.destroy();
 * ```
 */
export interface Widget<C extends Contract> {
  /** The sandboxed frame, already in `container`. Style it; do not move or re-`src` it (a new document reconnects). */
  readonly iframe: HTMLIFrameElement;
  /**
   * Resolves once the guest has connected; rejects with `DESTROYED`, or with `HANDSHAKE_TIMEOUT`
   * saying what the frame sent. A failed handshake ends the widget as `destroy()` does: the
   * iframe goes, a late `ready` is never taken, and every call rejects with `HANDSHAKE_TIMEOUT`.
   */
  readonly ready: Promise<void>;
  /** The guest's methods. Calls made before (re)connection wait for it, within `callTimeout`. */
  readonly remote: Remote<C['guest']>;
  /** Listens to one of {@link HostEvents}; returns the function that removes the listener. */
  on<K extends keyof HostEvents>(event: K, listener: (payload: HostEvents[K]) => void): () => void;
  /** Counts since mounting, kept across reloads: connects, disconnects, refusals by reason. */
  stats(): Stats;
  /** Removes the iframe, every listener and timer; pending calls reject with `DESTROYED`. */
  destroy(): void;
}

/**
 * Creates the sandboxed iframe for a cross-origin widget and connects to it. Throws
 * `INVALID_OPTIONS` or `UNSAFE_SANDBOX` at once for options that cannot be right.
 *
 * The widget is trusted with nothing: only a `ready` from the frame it created, from an exact
 * origin it expects, starts the handshake; the link then runs on a private `MessagePort`, every
 * call is checked against the contract and the rate limit, and every call settles.
 *
 * @throws `FrameportError`: `INVALID_OPTIONS` (no container, a `src` that is not http(s), an
 * inexact `origin`, no `title`, an unknown option...), `UNSAFE_SANDBOX` (a same-origin widget
 * with scripts, `allow-top-navigation` not asked for by name), `DESTROYED` (the `signal` is
 * already aborted), `UNSUPPORTED_ENVIRONMENT` (no DOM: called on a server). `ready` rejects with
 * `HANDSHAKE_TIMEOUT` (the message says what was seen) or `DESTROYED`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 *
 * const widget = mountWidget({
 *   container: document.querySelector('#checkout')!,
 *   src: 'https://pay.example/widget.html',
 *   title: 'Card payment',
 *   contract: payment,
 *   methods: { paid: ({ orderId }) => console.log('paid', orderId) },
 *   allow: ['payment'],
 * });
 * widget.on('refused', (r) => console.warn('frameport refused', r.reason));
 * await widget.ready;
 * await widget.remote.setAmount({ amount: 42, currency: 'EUR' });
 * ```
 */
export function mountWidget<C extends Contract = Contract<NoMethods, NoMethods>>(options: MountOptions<C>): Widget<C> {
  requireBrowser('mountWidget');
  if (typeof options !== 'object' || options === null || !(options.container instanceof Element)) {
    throw new FrameportError('INVALID_OPTIONS', 'container must be an element');
  }
  const signal = signalOption(options.signal, 'mountWidget');
  const link = createLink<HostEvents>('host', options, mountKeys);
  const src = widgetSrc(options.src, window.location.href);
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
  // The host takes the ports its contract declares, in calls and results alike, and a widget's share requests.
  const ports = { declared: declaredPorts, notice: answerShares(share, link.refuse) };
  let nonce: string | undefined;
  /** What the frame sent, for the timeout to say: the origin of a ready refused for it, or a taken ready. */
  let seen: string | undefined;
  let failed: FrameportError | undefined;
  /** The current connection's port, for `introduce` to post on. */
  let widgetPort: MessagePort | undefined;
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
    seen = '';
    const port = sendConnect(iframe, origin, readyNonce);
    if (!port) return;
    stopLiveness();
    widgetPort = port;
    link.open(port, origin, {
      ports,
      onResize: resizer ? (size) => resizer.request(size) : undefined,
      onActivity: () => liveness?.alive(),
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

  // One rule after a failed handshake: the widget ends, as destroy() ends it, with the reason;
  // waiting on would leave a widget that may connect later without telling anyone.
  const handshakeTimer = setTimeout(() => {
    // An origin is the browser's serialization, bounded by DNS names; the payload is never shown.
    const why =
      seen === undefined
        ? `no ready from the frame in ${handshakeTimeout} ms: does src run connectToHost, allowing ${location.origin}?`
        : seen
          ? `the frame's ready came from ${seen}, not ${origins.join(' or ')} (the origin option)`
          : `the frame's ready came, but no connection in ${handshakeTimeout} ms`;
    link.log?.('handshake failed:', why);
    failed = new FrameportError('HANDSHAKE_TIMEOUT', why);
    link.end('HANDSHAKE_TIMEOUT', why);
  }, handshakeTimeout);
  const refuse = (refusal: Refusal): void => {
    if (refusal.reason === 'origin') seen ||= refusal.origin;
    link.refuse(refusal);
  };

  // A load is a new document: the old port may be dead, and only a ping can tell.
  const onLoad = (): void => liveness?.probe();
  const stopListening = listenForReady({ iframe, origins, onReady, refuse, report: link.report });
  iframe.addEventListener('load', onLoad);
  link.onDestroy(destroyOnAbort(signal, link.destroy));
  link.onDestroy(() => {
    stopListening();
    iframe.removeEventListener('load', onLoad);
    clearTimeout(handshakeTimer);
    stopLiveness();
    resizer?.stop();
    iframe.remove();
    // After the calls have settled (link.end settles them first), before the listeners go.
    settleReady?.reject(failed ?? new FrameportError('DESTROYED', 'the widget was destroyed before it connected'));
    if (failed) events.emit('error', failed);
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
  widgetPorts.set(widget, () => (link.current?.guard.isOpen ? widgetPort : undefined));
  return widget;
}

/** `origin` as a list of exact origins: the origin of `src` when not given, never empty. */
function originsOption(value: unknown, srcOrigin: string): readonly string[] {
  if (value === undefined) return [srcOrigin];
  if (!Array.isArray(value)) return [exactOrigin(value, 'origin')];
  if (value.length === 0) throw new FrameportError('INVALID_OPTIONS', 'origin must list at least one exact origin');
  return value.map((each, index) => exactOrigin(each, `origin[${index}]`));
}
