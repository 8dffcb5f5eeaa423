import { FrameportError } from './errors.ts';

/**
 * Refuses to start outside a browser page. Importing frameport on a server is fine (nothing
 * runs at import); calling `mountWidget` or `connectToHost` there would otherwise fail on
 * `window is not defined` halfway through, after a handshake timer had started.
 */
export function requireBrowser(caller: string): void {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new FrameportError(
      'UNSUPPORTED_ENVIRONMENT',
      `${caller} runs in a browser page (it needs window and document); on a server, call it from client-side code only`,
    );
  }
}
