/** Every code a frameport failure can carry. */
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

export type FrameportErrorCode = (typeof errorCodes)[number];

/**
 * The only codes a peer's reply may set: they are its guard's verdict on our call. Every other
 * code describes the caller's own state (a timeout, a disconnect, a bad result); a peer that
 * sent one would be forging it, so its error becomes `REMOTE_ERROR` with the claim kept apart.
 */
export const peerCodes: ReadonlySet<string> = new Set<FrameportErrorCode>([
  'INVALID_INPUT',
  'INVALID_MESSAGE',
  'METHOD_NOT_FOUND',
  'RATE_LIMITED',
  // A grant's verdicts: only its serving side keeps the rules.
  'REVOKED',
  'EXHAUSTED',
  'EXPIRED',
]);

// A registered symbol, so `instanceof` holds across the separate copies of this class that
// script-tag bundles (one per entry) each carry.
const brand: unique symbol = Symbol.for('frameport.error');

export class FrameportError extends Error {
  override readonly name = 'FrameportError';
  readonly code: FrameportErrorCode;
  /**
   * With `REMOTE_ERROR`: the code the other side's handler claimed, if any. The peer's word,
   * never checked: show it, log it, but decide nothing on it.
   */
  readonly remoteCode?: string;
  readonly [brand] = true;

  constructor(code: FrameportErrorCode, message: string, options?: { cause?: unknown; remoteCode?: string }) {
    super(message, options);
    this.code = code;
    if (options?.remoteCode !== undefined) this.remoteCode = options.remoteCode;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}
