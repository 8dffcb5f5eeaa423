/**
 * Every code a frameport failure can carry, in one list, so code that reports errors can
 * check a string it got from elsewhere (a log, a message) before treating it as a code.
 *
 * @example
 * ```ts
 * import { errorCodes, type FrameportErrorCode } from 'frameport';
 *
 * function isFrameportCode(value: string): value is FrameportErrorCode {
 *   return (errorCodes as readonly string[]).includes(value);
 * }
 * ```
 */
export const errorCodes = [
  'HANDSHAKE_TIMEOUT',
  'HOST_NOT_ALLOWED',
  'DISCONNECTED',
  'DESTROYED',
  'CALL_TIMEOUT',
  'RATE_LIMITED',
  'INVALID_MESSAGE',
  'INVALID_INPUT',
  'INVALID_OUTPUT',
  'METHOD_NOT_FOUND',
  'REMOTE_ERROR',
  'INVALID_OPTIONS',
  'UNSAFE_SANDBOX',
  'POPUP_BLOCKED',
  'POPUP_CLOSED',
  'POPUP_TIMEOUT',
  'POPUP_BUSY',
  'STATE_MISMATCH',
  'AUTH_ERROR',
  'REVOKED',
  'EXHAUSTED',
  'EXPIRED',
  'UNSUPPORTED_ENVIRONMENT',
  'WORKER_CRASHED',
  'QUEUE_FULL',
] as const;

/**
 * A `FrameportError`'s `code`: what this side saw. Codes are set locally (a timeout, a
 * disconnect, a result that failed its schema); from the peer only its guard's verdicts on our
 * call are taken (`INVALID_INPUT`, `INVALID_MESSAGE`, `METHOD_NOT_FOUND`, `RATE_LIMITED`, and on
 * a `connectPort` link a grant's `REVOKED` / `EXHAUSTED` / `EXPIRED`). The README's "Error
 * codes" table says what each means.
 *
 * @example
 * ```ts
 * import type { FrameportErrorCode } from 'frameport';
 *
 * const retryable: ReadonlySet<FrameportErrorCode> = new Set(['CALL_TIMEOUT', 'RATE_LIMITED', 'DISCONNECTED']);
 * ```
 */
export type FrameportErrorCode = (typeof errorCodes)[number];

/**
 * The only codes a peer's reply may set: they are its guard's verdict on our call. Every other
 * code describes the caller's own state (a timeout, a disconnect, a bad result); a peer that
 * sent one would be forging it, so its error becomes `REMOTE_ERROR` with the claim kept apart.
 * A port link adds a grant's verdicts (`REVOKED`, `EXHAUSTED`, `EXPIRED`) itself: only there
 * can the other end be a grant, and a widget that takes no ports ships none of that.
 */
export const peerCodes: ReadonlySet<string> = new Set<FrameportErrorCode>([
  'INVALID_INPUT',
  'INVALID_MESSAGE',
  'METHOD_NOT_FOUND',
  'RATE_LIMITED',
]);

// A registered symbol, so `instanceof` holds across the separate copies of this class that
// script-tag bundles (one per entry) each carry.
const brand: unique symbol = Symbol.for('frameport.error');

/**
 * Every failure frameport reports: thrown by options that cannot work, and the rejection of
 * every call, handshake, popup and task. Decide on `code`; the message is for people (it names
 * what was seen, never the payload). `instanceof` holds across the separate copies of this class
 * that script-tag bundles carry.
 *
 * @example
 * ```ts
 * import { FrameportError } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * const widget = mountWidget({ container: document.body, src: 'https://pay.example/widget', title: 'Card payment' });
 * try {
 *   await widget.ready;
 * } catch (error) {
 *   if (error instanceof FrameportError && error.code === 'HANDSHAKE_TIMEOUT') {
 *     console.warn('the widget did not answer:', error.message);
 *   } else {
 *     throw error;
 *   }
 * }
 * ```
 */
export class FrameportError extends Error {
  /** Always `'FrameportError'`, so logs and serializers that read `name` tell it apart. */
  override readonly name = 'FrameportError';
  /** What went wrong, from this side's point of view; see {@link FrameportErrorCode}. */
  readonly code: FrameportErrorCode;
  /**
   * With `REMOTE_ERROR`: the code the other side's handler claimed, if any. The peer's word,
   * never checked: show it, log it, but decide nothing on it.
   */
  readonly remoteCode?: string;
  /** @internal Marks an instance for `instanceof` across bundles (a registered symbol). */
  readonly [brand] = true;

  /**
   * @param code - what went wrong
   * @param message - for people: what was seen and what to change
   * @param options - `cause`, as for `Error`; `remoteCode`, only where a peer's claim is kept
   */
  constructor(code: FrameportErrorCode, message: string, options?: { cause?: unknown; remoteCode?: string }) {
    super(message, options);
    this.code = code;
    if (options?.remoteCode !== undefined) this.remoteCode = options.remoteCode;
  }

  /** @internal Checks the brand, not the prototype: each script-tag bundle has its own class. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}
