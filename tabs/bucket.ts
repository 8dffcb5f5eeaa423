/**
 * A token bucket: `burst` at once, then `perSecond` over time. The shared limiter
 * (shared/rateLimit.ts) also counts floods and cool-downs for dropping a widget's port, which
 * a broadcast channel cannot do (there is no port to drop), at twice the bytes.
 */
export function bucket(burst: number, perSecond: number): () => boolean {
  let tokens = burst;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    return tokens >= 1 && tokens-- > 0;
  };
}
