import { isFrameportMessage, parseHandshake, PROTOCOL } from '../shared/protocol.ts';
import type { Refusal } from '../shared/stats.ts';

/** As much of a window as the handshake uses: the page's own, or frameport/testing's stand-in. */
export interface HandshakeWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void;
}

export interface GuestHandshakeOptions {
  window: HandshakeWindow;
  allowedOrigins: readonly string[];
  onConnect(port: MessagePort, origin: string): void;
  /** What our parent sent: counts toward the flood breaker. */
  refuse(refusal: Refusal): void;
  /** What another window sent: counted, but it cannot get our link dropped. */
  report(refusal: Refusal): void;
}

function freshNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Posts `ready` to the parent once per allowed origin, each with that exact `targetOrigin`, so
 * the browser delivers it only if the parent really has that origin; repeats with back-off
 * (the host may mount its listener after we load) until a `connect` with our nonce arrives
 * from the parent window and an allowed origin. Returns the teardown. Runs only in a frame:
 * `connectToHost` refuses a top-level page, where `parent` would be this very window.
 */
export function startHandshake({ window, allowedOrigins, onConnect, refuse, report }: GuestHandshakeOptions): () => void {
  const nonce = freshNonce();
  const parent = window.parent;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sendReady = (): void => {
    for (const origin of allowedOrigins) parent.postMessage({ frameport: PROTOCOL, type: 'ready', nonce }, origin);
    timer = setTimeout(sendReady, Math.min(1000, 50 * 2 ** attempt++));
  };

  const onMessage = (event: MessageEvent): void => {
    if (!isFrameportMessage(event.data) || event.data.type !== 'connect') return;
    const { origin } = event;
    // Only the one port of the connect we take is kept: a refused connect's are closed.
    const refused = (count: (refusal: Refusal) => void, reason: Refusal['reason'], message: string): void => {
      for (const port of event.ports) port.close();
      count({ reason, code: 'INVALID_MESSAGE', message, origin });
    };
    if (event.source !== parent || !event.isTrusted) return refused(report, 'source', 'a connect from a window that is not the parent');
    if (!allowedOrigins.includes(origin)) return refused(refuse, 'origin', `a connect from ${origin}, which is not allowed`);
    const connect = parseHandshake(event.data, 'connect');
    const [port] = event.ports;
    if (!connect || event.ports.length !== 1 || !port) return refused(refuse, 'shape', 'a malformed connect');
    if (connect.nonce !== nonce) return refused(refuse, 'nonce', 'a connect for another handshake');
    stop();
    onConnect(port, origin);
  };

  const onUnreadable = (event: MessageEvent): void => {
    const refusal: Refusal = {
      reason: 'clone',
      code: 'INVALID_MESSAGE',
      message: 'a window message this browser could not deserialize',
      origin: event.origin,
    };
    if (event.source === parent) refuse(refusal);
    else report(refusal);
  };

  const stop = (): void => {
    clearTimeout(timer);
    window.removeEventListener('message', onMessage);
    window.removeEventListener('messageerror', onUnreadable);
  };
  window.addEventListener('message', onMessage);
  window.addEventListener('messageerror', onUnreadable);
  sendReady();
  return stop;
}
