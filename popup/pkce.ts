/**
 * A PKCE pair (RFC 7636, S256): the challenge goes on the authorization URL, the verifier stays
 * with the client until the token request, so a stolen code alone cannot be redeemed.
 * `openAuthPopup({ pkce: true })` makes one for you; this is for flows that build their own URL.
 *
 * @example
 * ```ts
 * import { createPkce, type Pkce } from 'frameport/popup';
 *
 * const pkce: Pkce = await createPkce();
 * sessionStorage.setItem('pkce-verifier', pkce.verifier);
 * ```
 */
export interface Pkce {
  /** Kept by the client and sent with the token request. */
  verifier: string;
  /** Sent on the authorization URL as `code_challenge` with `code_challenge_method=S256`. */
  challenge: string;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random URL-safe string of `bytes` random bytes (32 bytes: 43 characters, as RFC 7636 asks). */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * The S256 challenge of a verifier (RFC 7636 §4.2): base64url of its SHA-256, no padding. Needs
 * `crypto.subtle`, so a secure context (https or localhost); elsewhere it rejects.
 *
 * @example
 * ```ts
 * import { pkceChallenge } from 'frameport/popup';
 *
 * const verifier = sessionStorage.getItem('pkce-verifier')!;
 * const url = new URL('https://idp.example/authorize');
 * url.searchParams.set('code_challenge', await pkceChallenge(verifier));
 * url.searchParams.set('code_challenge_method', 'S256');
 * ```
 */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * A fresh PKCE pair: a verifier of 32 random bytes (43 base64url characters) and its S256
 * challenge. Needs `crypto.subtle` (a secure context).
 *
 * @example
 * ```ts
 * import { createPkce } from 'frameport/popup';
 *
 * const { verifier, challenge } = await createPkce();
 * const url = new URL('https://idp.example/authorize');
 * url.searchParams.set('code_challenge', challenge);
 * url.searchParams.set('code_challenge_method', 'S256');
 * sessionStorage.setItem('pkce-verifier', verifier);
 * ```
 */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomToken();
  return { verifier, challenge: await pkceChallenge(verifier) };
}
