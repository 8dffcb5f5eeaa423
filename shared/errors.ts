/** Every code a frameport failure can carry. */
export const errorCodes = [
  'HANDSHAKE_TIMEOUT',
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
] as const;

export type FrameportErrorCode = (typeof errorCodes)[number];

// A registered symbol, so `instanceof` holds across the separate copies of this class that
// script-tag bundles (one per entry) each carry.
const brand: unique symbol = Symbol.for('frameport.error');

export class FrameportError extends Error {
  override readonly name = 'FrameportError';
  readonly code: FrameportErrorCode;
  readonly [brand] = true;

  constructor(code: FrameportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}

export function isErrorCode(value: unknown): value is FrameportErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
