import { FrameportError } from '../shared/errors.ts';
import { httpUrl } from '../shared/origin.ts';

/**
 * The widget's URL. Without a protocol (`pay.example/widget`) the browser resolves it against
 * this page, so it would name this page's own origin and fail the sandbox check with a
 * misleading `UNSAFE_SANDBOX`: say what is missing instead, showing the value (cut short).
 * `//pay.example/widget` keeps this page's protocol and is taken; `localhost:3000/widget` is a
 * forgotten protocol, not a scheme.
 */
export function widgetSrc(value: unknown, base: string): URL {
  if (typeof value === 'string' && !/^(\s*[a-z][a-z\d+.-]*:(?!\d)|\s*\/\/)/i.test(value)) {
    throw new FrameportError(
      'INVALID_OPTIONS',
      `src ${JSON.stringify(value.slice(0, 100))} has no protocol: add https:// (without it, it names this page's own origin)`,
    );
  }
  return httpUrl(value, 'src', base);
}
