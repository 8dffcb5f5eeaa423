import { FrameportError } from './errors.ts';

/**
 * Accepts only an exact serialized origin (`https://pay.example`, no path, no slash, no
 * wildcard). Exact string comparison is then the whole origin check: no `*`, no regex, and
 * never `"null"`, which every sandboxed or `data:` document shares.
 */
export function exactOrigin(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === 'null' || value === '*') {
    throw new FrameportError('INVALID_OPTIONS', `${option} must be an exact http(s) origin such as "https://pay.example"`);
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value) {
    throw new FrameportError(
      'INVALID_OPTIONS',
      `${option} must be an exact http(s) origin such as "https://pay.example" (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/** An absolute http(s) URL, resolved against the page. */
export function httpUrl(value: unknown, option: string, base: string): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' || value instanceof URL ? new URL(value, base) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new FrameportError('INVALID_OPTIONS', `${option} must be an http(s) URL`);
  }
  return url;
}
