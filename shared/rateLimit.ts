import { FrameportError } from './errors.ts';

export interface RateLimitOptions {
  /** Calls allowed at once after a quiet period (the bucket's size). Default 100. */
  burst?: number;
  /** Calls allowed per second over time (the refill rate). Default 50. */
  perSecond?: number;
}

export const defaultRateLimit: Required<RateLimitOptions> = { burst: 100, perSecond: 50 };

/** `take()` is true while a token is left. A token bucket: bursts up to `burst`, then `perSecond`. */
export type RateLimiter = { take(): boolean };

export function createRateLimiter(options: RateLimitOptions | false | undefined): RateLimiter {
  if (options === false) return { take: () => true };
  const { burst, perSecond } = { ...defaultRateLimit, ...options };
  for (const [name, value] of [['burst', burst], ['perSecond', perSecond]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new FrameportError('INVALID_OPTIONS', `rateLimit.${name} must be a positive number`);
    }
  }
  let tokens = burst;
  let last = performance.now();
  return {
    take() {
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
