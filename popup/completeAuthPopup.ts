import { FrameportError } from '../shared/errors.ts';
import { checkKeys } from '../shared/options.ts';
import { exactOrigin } from '../shared/origin.ts';
import { PROTOCOL } from '../shared/protocol.ts';
import { channelName, parseAuthMessage, parseRelayMessage, readParams, relayKey, type AuthMessage } from './message.ts';

/**
 * Options of `completeAuthPopup`, all optional: most callback pages pass none, since the
 * parameters go only to a window of the callback's own origin unless told another.
 *
 * @example
 * ```ts
 * import { completeAuthPopup, type CompleteOptions } from 'frameport/popup';
 *
 * // The app runs on another origin than its callback page.
 * const options: CompleteOptions = { targetOrigin: 'https://app.example' };
 * void completeAuthPopup(options);
 * ```
 */
export interface CompleteOptions {
  /**
   * The origin allowed to receive the parameters through `window.opener`. Default: this page's
   * own origin, the only one the parameters go to unless you name another.
   */
  targetOrigin?: string;
  /** As a relay: the button that continues to the provider. Default: one is added to the page. */
  relayButton?: HTMLButtonElement;
  /** `window.open` features of the relay's sign-in popup. Default `popup,width=520,height=680`. */
  windowFeatures?: string;
}

/**
 * Runs on the redirect (callback) page: reads the parameters from the query and fragment,
 * hands them to the opener with an exact target origin, or, when COOP has cut the opener,
 * over a same-origin BroadcastChannel keyed by the state; then closes the window. Opened with
 * a relay fragment, the page is instead a widget's relay window (see `openAuthPopup`'s `relay`).
 * It also removes the code from the address bar, so it stays out of the history.
 *
 * @throws (rejects with) `FrameportError` `INVALID_OPTIONS` for an unknown option or an inexact
 * `targetOrigin`.
 *
 * @example
 * ```ts
 * // callback.ts: the script of the page at redirect_uri
 * import { completeAuthPopup } from 'frameport/popup';
 *
 * void completeAuthPopup();
 * ```
 */
export function completeAuthPopup(options: CompleteOptions = {}): Promise<void> {
  if (typeof options !== 'object' || options === null)
    return Promise.reject(
      new FrameportError('INVALID_OPTIONS', 'completeAuthPopup() takes { targetOrigin?, relayButton?, windowFeatures? }'),
    );
  try {
    checkKeys(options, ['targetOrigin', 'relayButton', 'windowFeatures'], '');
  } catch (error) {
    return Promise.reject(error);
  }
  const targetOrigin = options.targetOrigin === undefined ? window.location.origin : exactOrigin(options.targetOrigin, 'targetOrigin');
  const here = new URL(window.location.href);
  if (new URLSearchParams(here.hash.slice(1)).has(relayKey)) return runRelay(options);

  const params = readParams(here);
  const message: AuthMessage = { frameport: PROTOCOL, type: 'auth-result', state: params.state ?? '', url: here.href, params };
  const opener = window.opener as Window | null;
  if (opener && !opener.closed) {
    // The browser drops it unless the opener has exactly this origin.
    opener.postMessage(message, targetOrigin);
  } else if (params.state) {
    const channel = new BroadcastChannel(channelName(params.state));
    channel.postMessage(message);
    channel.close();
  }
  // Keep the code out of the history, then let the messages go before closing.
  history.replaceState(null, '', here.pathname);
  return new Promise((resolve) => {
    setTimeout(() => {
      window.close();
      resolve();
    }, 50);
  });
}

/**
 * The relay: a window of the widget's own origin, opened by the widget. A widget in a
 * cross-site iframe cannot hear a first-party BroadcastChannel (storage partitioning), but this
 * top-level window can, and it keeps its `opener` because it never leaves the origin. It opens
 * the provider on the user's click (a window it opens by itself would be blocked), hears the
 * callback by `opener` or BroadcastChannel, and forwards the answer to the widget.
 */
function runRelay(options: CompleteOptions): Promise<void> {
  // Any site can open this page with a relay fragment. So the relay serves only an opener of
  // its own origin, and takes what to open only from it, by message: an opener that is merely
  // some page of our origin (a site can navigate its own window there after opening us) runs
  // no sign-in and never answers.
  const widget = sameOriginOpener();
  // Shown only once the relay has decided whom it serves.
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const notOpened = (): Promise<void> => {
    status.textContent = 'This sign-in window was not opened by the widget. You can close it.';
    document.body.append(status);
    return Promise.resolve();
  };
  if (!widget) return notOpened();
  return new Promise<{ url: string; state: string } | undefined>((resolve) => {
    const timer = setTimeout(() => done(undefined), relayWait);
    const onRequest = (event: MessageEvent): void => {
      if (event.source !== widget || event.origin !== window.location.origin) return;
      const message = parseRelayMessage(event.data);
      if (message?.type === 'relay-request') done(message);
    };
    const done = (request: { url: string; state: string } | undefined): void => {
      clearTimeout(timer);
      window.removeEventListener('message', onRequest);
      resolve(request);
    };
    window.addEventListener('message', onRequest);
    widget.postMessage({ frameport: PROTOCOL, type: 'relay-ready' }, window.location.origin);
  }).then((request) => (request ? relayTo(request, widget, status, options) : notOpened()));
}

/** How long the relay waits for its opener to say what to open. */
const relayWait = 3000;

function relayTo(
  { url, state }: { url: string; state: string },
  widget: Window,
  status: HTMLElement,
  options: CompleteOptions,
): Promise<void> {
  const button =
    options.relayButton ?? Object.assign(document.createElement('button'), { type: 'button', textContent: 'Continue to sign in' });
  if (!button.isConnected) document.body.append(button);
  document.body.append(status);
  button.focus();

  return new Promise((resolve) => {
    let popup: Window | null = null;
    const channel = new BroadcastChannel(channelName(state));
    const forward = (data: unknown): void => {
      const message = parseAuthMessage(data);
      if (!message || message.state !== state) return;
      widget.postMessage(message, window.location.origin);
      channel.close();
      window.removeEventListener('message', onMessage);
      setTimeout(() => {
        window.close();
        resolve();
      }, 50);
    };
    const onMessage = (event: MessageEvent): void => {
      if (event.source === popup && event.origin === window.location.origin) forward(event.data);
    };
    channel.onmessage = (event) => forward(event.data);
    window.addEventListener('message', onMessage);
    button.addEventListener('click', () => {
      popup = window.open(url, '_blank', options.windowFeatures ?? 'popup,width=520,height=680');
      if (!popup) {
        forward({ frameport: PROTOCOL, type: 'auth-failed', state, code: 'POPUP_BLOCKED' });
        return;
      }
      button.disabled = true;
      status.textContent = 'Waiting for the sign-in to finish… Close this window to cancel.';
    });
  });
}

/** The window that opened this one, if it is of this page's own origin (a cross-origin one throws on `location`). */
function sameOriginOpener(): Window | undefined {
  const opener = window.opener as Window | null;
  try {
    return opener && !opener.closed && opener.location.origin === window.location.origin ? opener : undefined;
  } catch {
    return undefined;
  }
}
