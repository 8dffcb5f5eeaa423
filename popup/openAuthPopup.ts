import { createLog } from '../shared/debug.ts';
import { FrameportError } from '../shared/errors.ts';
import { checkKeys, duration } from '../shared/options.ts';
import { httpUrl } from '../shared/origin.ts';
import { PROTOCOL } from '../shared/protocol.ts';
import { channelName, parseAuthMessage, parseRelayMessage, relayKey, type AuthMessage } from './message.ts';
import { pkceChallenge, randomToken } from './pkce.ts';

/**
 * Options of `openAuthPopup`: the provider's authorization URL, and how long and in which window
 * to wait for its answer. `redirect_uri` on `url` is required: its exact origin is the only one
 * an answer is taken from. Unknown keys throw `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * import type { AuthPopupOptions } from 'frameport/popup';
 *
 * const url = new URL('https://idp.example/authorize');
 * url.searchParams.set('client_id', 'my-app');
 * url.searchParams.set('redirect_uri', 'https://app.example/callback.html');
 * url.searchParams.set('response_type', 'code');
 * const options: AuthPopupOptions = { url, pkce: true, timeout: 120_000, windowFeatures: 'popup,width=480,height=640' };
 * ```
 */
export interface AuthPopupOptions {
  /**
   * The authorization URL with `client_id`, `redirect_uri`, `scope`... frameport adds `state`
   * (and, with `pkce`, `code_challenge`). The callback page at `redirect_uri` calls `completeAuthPopup()`.
   */
  url: string | URL;
  /** The state to send; a fresh random one by default. Each state is accepted once. */
  state?: string;
  /** Add an S256 PKCE challenge; the result then carries `codeVerifier` for the token request. */
  pkce?: boolean;
  /** Milliseconds until `POPUP_TIMEOUT`. Default 300 000 (5 minutes). */
  timeout?: number;
  /** Milliseconds to keep listening after the popup reads as closed (see "COOP" in the README). Default 3000. */
  closedGrace?: number;
  /** `window.open` features. Default `popup,width=520,height=680`. */
  windowFeatures?: string;
  /**
   * Run the sign-in through a relay window of the callback's origin. Needed inside a cross-site
   * iframe, which cannot hear a first-party BroadcastChannel. Default: true inside a frame.
   */
  relay?: boolean;
  /** Logs each step (window opened, answer taken or refused, why) with `console.debug`. */
  debug?: boolean;
}

/**
 * What `openAuthPopup` resolves to: the provider's answer, after it was checked to come from the
 * window it opened, from the exact origin of `redirect_uri`, with the state it sent, once. Send
 * `params.code` (and `codeVerifier`) to your back end; it trades them for tokens.
 *
 * @example
 * ```ts
 * import { openAuthPopup, type AuthResult } from 'frameport/popup';
 *
 * declare const signIn: HTMLButtonElement;
 * declare const authorizeUrl: URL;
 * signIn.addEventListener('click', async () => {
 *   const result: AuthResult = await openAuthPopup({ url: authorizeUrl, pkce: true });
 *   await fetch('/session', { method: 'POST', body: JSON.stringify({ code: result.params.code, verifier: result.codeVerifier }) });
 * });
 * ```
 */
export interface AuthResult {
  /** The callback's query and fragment parameters (`code`, `state`, ...). */
  params: Record<string, string>;
  /** The callback URL as the provider sent it. */
  url: string;
  /** The state this sign-in sent, and the callback carried back. */
  state: string;
  /** With `pkce: true`: the verifier to send with the code to the token endpoint. */
  codeVerifier?: string;
}

let open: Window | undefined;
/** States already answered: a callback that carries one again is a replay. */
const usedStates = new Set<string>();

/**
 * Opens an OAuth / OpenID sign-in popup and resolves with the callback's parameters after every
 * check. Call it synchronously inside a click handler: the window is opened before anything
 * else happens, or the browser's popup blocker refuses it (`POPUP_BLOCKED`).
 *
 * Inside a cross-site frame it opens a relay window on the widget's own origin instead (see
 * `relay`), since the frame cannot hear the callback's first-party `BroadcastChannel`.
 *
 * @throws (rejects with) `FrameportError`: `INVALID_OPTIONS` (no `redirect_uri`, a bad `state`,
 * no `crypto.subtle` for PKCE...), `POPUP_BLOCKED`, `POPUP_BUSY` (one is already open: it is
 * brought to the front), `POPUP_CLOSED`, `POPUP_TIMEOUT`, `STATE_MISMATCH` (a reused or foreign
 * state), `AUTH_ERROR` (the provider answered `error`).
 *
 * @example
 * ```ts
 * import { FrameportError } from 'frameport';
 * import { openAuthPopup } from 'frameport/popup';
 *
 * declare const button: HTMLButtonElement;
 * button.addEventListener('click', async () => {
 *   const url = new URL('https://idp.example/authorize');
 *   url.searchParams.set('client_id', 'my-app');
 *   url.searchParams.set('redirect_uri', 'https://app.example/callback.html');
 *   url.searchParams.set('response_type', 'code');
 *   url.searchParams.set('scope', 'openid profile');
 *   try {
 *     // Synchronously inside the click: the window opens first, or the popup blocker says no.
 *     const { params, codeVerifier } = await openAuthPopup({ url, pkce: true });
 *     await fetch('/token-exchange', { method: 'POST', body: JSON.stringify({ code: params.code, codeVerifier }) });
 *   } catch (error) {
 *     if (error instanceof FrameportError && error.code === 'POPUP_CLOSED') return; // the user changed their mind
 *     throw error;
 *   }
 * });
 * ```
 */
export function openAuthPopup(options: AuthPopupOptions): Promise<AuthResult> {
  try {
    return start(options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function start(options: AuthPopupOptions): Promise<AuthResult> {
  if (open && !open.closed) {
    open.focus();
    throw new FrameportError('POPUP_BUSY', 'a sign-in popup is already open; it has been brought to the front');
  }
  if (typeof options !== 'object' || options === null) throw new FrameportError('INVALID_OPTIONS', 'openAuthPopup() takes { url, ... }');
  checkKeys(options, ['url', 'state', 'pkce', 'timeout', 'closedGrace', 'windowFeatures', 'relay', 'debug'], '');
  const authUrl = httpUrl(options.url, 'url', window.location.href);
  const redirect = authUrl.searchParams.get('redirect_uri');
  if (!redirect)
    throw new FrameportError('INVALID_OPTIONS', 'url must carry a redirect_uri: its origin is the only one answers are taken from');
  const callback = httpUrl(redirect, 'redirect_uri', window.location.href);
  const state = options.state ?? randomToken();
  if (typeof state !== 'string' || state.length < 8 || state.length > 512) {
    throw new FrameportError('INVALID_OPTIONS', 'state must be a string of 8 to 512 characters');
  }
  if (usedStates.has(state)) throw new FrameportError('STATE_MISMATCH', 'this state was already used; every sign-in needs a fresh one');
  const relay = options.relay ?? window.top !== window;
  if (relay && callback.origin !== window.location.origin) {
    throw new FrameportError('INVALID_OPTIONS', "with a relay, redirect_uri must be on this page's origin: the relay is that page");
  }
  const timeout = duration(options.timeout, 'timeout', 300_000);
  const closedGrace = duration(options.closedGrace, 'closedGrace', 3000);
  const log = createLog(options.debug, 'popup');
  authUrl.searchParams.set('state', state);
  const verifier = options.pkce ? randomToken() : undefined;
  // The relay learns what to open from us, by message (see `RelayMessage`), not from its URL.
  const target = (): string => (relay ? `${callback.href.split('#')[0]}#${relayKey}` : authUrl.href);

  // Synchronously, inside the user's gesture. With PKCE the challenge is computed afterwards
  // (crypto.subtle is async), so the window starts blank and is sent on its way when ready.
  const popup = window.open(verifier ? 'about:blank' : target(), '_blank', options.windowFeatures ?? 'popup,width=520,height=680');
  if (!popup) throw new FrameportError('POPUP_BLOCKED', 'the browser blocked the popup: call openAuthPopup() directly in a click handler');
  open = popup;
  log?.('opened', relay ? 'relay' : 'popup', authUrl.origin);

  return new Promise<AuthResult>((resolve, reject) => {
    let settled = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const channel = callback.origin === window.location.origin ? new BroadcastChannel(channelName(state)) : undefined;

    const finish = (error: FrameportError | undefined, result?: AuthResult): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      clearTimeout(graceTimer);
      window.removeEventListener('message', onMessage);
      window.removeEventListener('focus', startGrace);
      channel?.close();
      if (open === popup) open = undefined;
      if (error) {
        log?.('failed', error.code);
        popup.close();
        reject(error);
      } else if (result) {
        log?.('signed in');
        resolve(result);
      }
    };

    const accept = (message: AuthMessage | ReturnType<typeof parseAuthMessage>): void => {
      if (!message) return;
      if (message.state !== state) {
        const replay = usedStates.has(message.state);
        return finish(
          new FrameportError(
            'STATE_MISMATCH',
            replay ? 'a replayed callback: its state was already used' : "the callback's state is not the one this sign-in sent",
          ),
        );
      }
      usedStates.add(state);
      if (message.type === 'auth-failed')
        return finish(new FrameportError(message.code, 'the relay window could not open the sign-in popup'));
      const { params, url } = message;
      if (params.error) {
        const description = params.error_description ? `: ${params.error_description}` : '';
        return finish(new FrameportError('AUTH_ERROR', `${params.error}${description}`.slice(0, 500)));
      }
      finish(undefined, verifier ? { params, url, state, codeVerifier: verifier } : { params, url, state });
    };

    let challenged = !verifier;
    let relayAsked = false;
    const answerRelay = (): void => {
      if (relayAsked && challenged)
        popup.postMessage({ frameport: PROTOCOL, type: 'relay-request', url: authUrl.href, state }, callback.origin);
    };
    const onMessage = (event: MessageEvent): void => {
      // Only the window we opened, and only from the callback's exact origin.
      if (event.source !== popup || event.origin !== callback.origin) return;
      if (relay && parseRelayMessage(event.data)?.type === 'relay-ready') {
        relayAsked = true;
        return answerRelay();
      }
      accept(parseAuthMessage(event.data));
    };
    window.addEventListener('message', onMessage);
    // The callback page answers here when COOP has cut its opener. Same-origin by nature.
    if (channel) channel.onmessage = (event) => accept(parseAuthMessage(event.data));

    // `closed` turns true as soon as a COOP page isolates the popup, so it is not proof of a
    // cancel. A user who closes the popup is back on this page; one signing in elsewhere is
    // not. So the grace period starts when this page has focus, and an answer may still come.
    const startGrace = (): void => {
      graceTimer ??= setTimeout(
        () => finish(new FrameportError('POPUP_CLOSED', 'the sign-in window was closed')),
        relay ? 500 : closedGrace,
      );
    };
    const poll = setInterval(() => {
      if (!popup.closed || graceTimer) return;
      // A relay never leaves our origin, so its `closed` is the truth.
      if (relay || document.hasFocus()) startGrace();
      else window.addEventListener('focus', startGrace, { once: true });
    }, 200);
    const timer = setTimeout(() => finish(new FrameportError('POPUP_TIMEOUT', `no answer from the sign-in within ${timeout} ms`)), timeout);

    if (verifier) {
      pkceChallenge(verifier).then(
        (challenge) => {
          authUrl.searchParams.set('code_challenge', challenge);
          authUrl.searchParams.set('code_challenge_method', 'S256');
          challenged = true;
          if (!settled && !popup.closed) popup.location.href = target();
        },
        () => finish(new FrameportError('INVALID_OPTIONS', 'PKCE needs crypto.subtle (a secure context: https or localhost)')),
      );
    }
  });
}
