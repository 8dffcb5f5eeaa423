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

/** The S256 challenge of a verifier (RFC 7636 §4.2). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh PKCE pair. */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomToken();
  return { verifier, challenge: await pkceChallenge(verifier) };
}
