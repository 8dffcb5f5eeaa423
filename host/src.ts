import { FrameportError } from '../shared/errors.ts';
import { httpUrl } from '../shared/origin.ts';

// A scheme, but not a host and port (`localhost:3000/widget` is a forgotten protocol, not a scheme).
const scheme = /^[a-z][a-z\d+.-]*:(?!\d)/i;

/**
 * The widget's URL. Without a protocol (`pay.example/widget`) the browser resolves it against
 * this page, so it would name this page's own origin and fail the sandbox check with a
 * misleading `UNSAFE_SANDBOX`: say what is missing instead, showing the value (cut short).
 */
export function widgetSrc(value: unknown, base: string): URL {
  const given = typeof value === 'string' ? value.trim() : '';
  if (given && !scheme.test(given) && !given.startsWith('//')) {
    const shown = given.slice(0, 100);
    throw new FrameportError(
      'INVALID_OPTIONS',
      /^[/.?#]/.test(given)
        ? `src ${JSON.stringify(shown)} is relative, so on this page's own origin: give the widget's full URL (https://...)`
        : `src ${JSON.stringify(shown)} has no protocol: add https://, as in ${JSON.stringify(`https://${shown}`)}`,
    );
  }
  return httpUrl(value, 'src', base);
}
