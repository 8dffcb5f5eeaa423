import { FrameportError } from './errors.ts';

export interface RateLimitOptions {
  /** Calls allowed at once after a quiet period (the bucket's size). Default 100. */
  burst?: number;
  /** Calls allowed per second over time (the refill rate). Default 50. */
  perSecond?: number;
  /**
   * Refused calls within one second after which the peer counts as flooding and the connection
   * is dropped. Default 1000; `Infinity` never drops.
   */
  disconnectAfter?: number;
  /** Milliseconds a flooding widget must wait before it may connect again (host side). Default 5000. */
  cooldown?: number;
}

export const defaultRateLimit: Required<RateLimitOptions> = { burst: 100, perSecond: 50, disconnectAfter: 1000, cooldown: 5000 };

/**
 * `take()` is true while tokens are left: a token bucket, bursts up to `burst`, then
 * `perSecond`. `flooded()` counts one refused message (for any reason: over the limit,
 * malformed, a reply to nothing) and is true once when those within one second pass
 * `disconnectAfter`. Every port's messages share the page's one task queue, so a flood delays
 * every other widget however cheaply each message is refused; only dropping the flooder's port
 * (which discards its queued messages) stops that.
 */
export type RateLimiter = { take(): boolean; flooded(): boolean; readonly cooldown: number };

export function createRateLimiter(options: RateLimitOptions | false | undefined): RateLimiter {
  if (options === false) return { take: () => true, flooded: () => false, cooldown: 0 };
  const { burst, perSecond, disconnectAfter, cooldown } = { ...defaultRateLimit, ...options };
  for (const [name, value] of [['burst', burst], ['perSecond', perSecond], ['disconnectAfter', disconnectAfter], ['cooldown', cooldown]] as const) {
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || (value === Infinity && name !== 'disconnectAfter')) {
      throw new FrameportError('INVALID_OPTIONS', `rateLimit.${name} must be a positive number`);
    }
  }
  let tokens = burst;
  let last = performance.now();
  let windowStart = last;
  let refusedInWindow = 0;
  return {
    cooldown,
    take() {
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
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
