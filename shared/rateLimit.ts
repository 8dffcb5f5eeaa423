import { FrameportError } from './errors.ts';
import { checkKeys } from './options.ts';

/**
 * The budget for what the other side sends unprompted (calls, pings, handshakes): a token
 * bucket, plus a breaker that drops a peer that keeps going. A message over the budget is
 * refused with `RATE_LIMITED` (reason `rate`); the breaker's disconnect is `DISCONNECTED`. Pass
 * `rateLimit: false` to turn both off (the fixed budgets for resize reports and `ready` stay).
 *
 * @throws `FrameportError` `INVALID_OPTIONS` for an unknown key or a value that is not a positive
 * number (where it is used: `mountWidget`, `connectToHost`, `connectPort`, ...).
 *
 * @example
 * ```ts
 * import type { RateLimitOptions } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * // A chatty widget: a larger burst, and a minute out after a flood.
 * const rateLimit: RateLimitOptions = { burst: 300, perSecond: 100, cooldown: 60_000 };
 * mountWidget({ container: document.body, src: 'https://chat.example/', title: 'Chat', rateLimit });
 * ```
 */
export interface RateLimitOptions {
  /** Messages allowed at once after a quiet period (the bucket's size). Default 100. */
  burst?: number;
  /** Messages allowed per second over time (the refill rate). Default 50. */
  perSecond?: number;
  /**
   * Refused messages within one second after which the peer counts as flooding and the
   * connection is dropped. Default 1000; `Infinity` never drops.
   */
  disconnectAfter?: number;
  /** Milliseconds a flooding peer must wait before it may connect again. Default 5000. */
  cooldown?: number;
}

export const defaultRateLimit: Required<RateLimitOptions> = { burst: 100, perSecond: 50, disconnectAfter: 1000, cooldown: 5000 };

/** A token bucket: true while a token is left, `burst` at once, then `perSecond`. */
export type Bucket = () => boolean;

export function createBucket(burst: number, perSecond: number): Bucket {
  let tokens = burst;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * Everything a peer can spend, one per widget (or guest), kept across reconnects so that a
 * reload does not refill it. Each message kind costs something:
 * - `calls`: every message a peer may send unprompted (calls, pings, handshake, destroy);
 * - `resizes`: size reports, at display rate (a report is cheap to take, but not free to receive);
 * - `readies`: `ready` messages (each one costs a MessageChannel and drops the live connection).
 * Replies and pongs spend nothing: each must answer a request of ours, or it is refused.
 *
 * `flooded()` counts one refusal of any kind and is true once when those within one second
 * pass `disconnectAfter`. Every port shares the page's one task queue, so a flood delays
 * every other widget however cheaply each message is refused; only dropping the flooder's
 * port (which discards its queued messages) stops that.
 */
export interface Limiter {
  calls: Bucket;
  resizes: Bucket;
  readies: Bucket;
  flooded(): boolean;
  readonly cooldown: number;
}

const always: Bucket = () => true;

export function createLimiter(options: RateLimitOptions | false | undefined): Limiter {
  // Protocol budgets, not tunable: a well-behaved guest reports at most once per frame (120 Hz
  // displays included) and sends a ready once per document; the bursts absorb frames the host
  // was too busy to take and a few quick reloads.
  const resizes = createBucket(16, 120);
  const readies = createBucket(10, 2);
  if (options === false) return { calls: always, resizes, readies, flooded: () => false, cooldown: 0 };
  if (typeof options !== 'object' && options !== undefined) {
    throw new FrameportError('INVALID_OPTIONS', 'rateLimit must be false or { burst, perSecond, disconnectAfter, cooldown }');
  }
  const { burst, perSecond, disconnectAfter, cooldown } = {
    ...defaultRateLimit,
    ...checkKeys(options ?? {}, Object.keys(defaultRateLimit), 'rateLimit'),
  };
  for (const [name, value] of Object.entries({ burst, perSecond, disconnectAfter, cooldown })) {
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || (value === Infinity && name !== 'disconnectAfter')) {
      throw new FrameportError('INVALID_OPTIONS', `rateLimit.${name} must be a positive number`);
    }
  }
  let windowStart = performance.now();
  let refusedInWindow = 0;
  return {
    calls: createBucket(burst, perSecond),
    resizes,
    readies,
    cooldown,
    flooded() {
      const now = performance.now();
      if (now - windowStart > 1000) {
        windowStart = now;
        refusedInWindow = 0;
      }
      refusedInWindow += 1;
      return refusedInWindow === Math.floor(disconnectAfter) + 1;
    },
  };
}
