import { PROTOCOL } from '../shared/protocol.ts';

/** What the callback page (or the relay) sends back to the window that opened the sign-in. */
export interface AuthMessage {
  frameport: typeof PROTOCOL;
  type: 'auth-result';
  state: string;
  url: string;
  params: Record<string, string>;
}

/** A relay that could not run the sign-in tells its opener why (`POPUP_BLOCKED`). */
export interface AuthFailure {
  frameport: typeof PROTOCOL;
  type: 'auth-failed';
  state: string;
  code: 'POPUP_BLOCKED';
}

/**
 * The relay asks the window that opened it for the sign-in to run (`relay-ready`), and only
 * the `openAuthPopup` that opened that very window answers (`relay-request`). The request never
 * rides in the URL, where any site could write one.
 */
export type RelayMessage =
  { frameport: typeof PROTOCOL; type: 'relay-ready' } | { frameport: typeof PROTOCOL; type: 'relay-request'; url: string; state: string };

export function parseRelayMessage(data: unknown): RelayMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.frameport !== PROTOCOL) return undefined;
  if (message.type === 'relay-ready') return { frameport: PROTOCOL, type: 'relay-ready' };
  if (message.type !== 'relay-request' || !isText(message.state, 512) || !isText(message.url, 8192) || !/^https?:/.test(message.url))
    return undefined;
  return { frameport: PROTOCOL, type: 'relay-request', url: message.url, state: message.state };
}

/** The same-origin channel a callback uses when COOP has cut `window.opener`. */
export const channelName = (state: string): string => `frameport-auth:${state}`;

/** The callback URL's fragment carries this key when the page is opened as a widget's relay. */
export const relayKey = 'frameport-relay';

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

export function parseAuthMessage(data: unknown): AuthMessage | AuthFailure | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.frameport !== PROTOCOL || !isText(message.state, 512)) return undefined;
  if (message.type === 'auth-failed') {
    return message.code === 'POPUP_BLOCKED'
      ? { frameport: PROTOCOL, type: 'auth-failed', state: message.state, code: 'POPUP_BLOCKED' }
      : undefined;
  }
  if (message.type !== 'auth-result' || !isText(message.url, 8192)) return undefined;
  const given = message.params;
  if (typeof given !== 'object' || given === null) return undefined;
  const entries = Object.entries(given);
  if (entries.length > 100 || !entries.every(([key, value]) => isText(key, 256) && isText(value, 8192))) return undefined;
  // A null prototype: a parameter named __proto__ stays a parameter.
  const params: Record<string, string> = Object.create(null);
  for (const [key, value] of entries) params[key] = value as string;
  return { frameport: PROTOCOL, type: 'auth-result', state: message.state, url: message.url, params };
}

/** The callback's parameters: the query first, then the fragment (where implicit-style flows put them). */
export function readParams(url: URL): Record<string, string> {
  const params: Record<string, string> = Object.create(null);
  for (const [key, value] of url.searchParams) params[key] = value;
  for (const [key, value] of new URLSearchParams(url.hash.slice(1))) if (key !== relayKey) params[key] = value;
  return params;
}
