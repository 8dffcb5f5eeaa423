export interface LivenessOptions {
  /** Milliseconds between pings. */
  interval: number;
  ping(): void;
  onDead(): void;
}

const allowedMisses = 3;

/**
 * Browsers fire no `close` event on a MessagePort, so a guest that reloaded, navigated away or
 * was removed looks exactly like a quiet one. The host pings; anything the guest sends is proof
 * of life. Misses are counted per ping rather than by elapsed time, because a background tab
 * runs timers as rarely as once a minute and a time-based check would declare every guest dead.
 */
export function watchLiveness({ interval, ping, onDead }: LivenessOptions): { alive(): void; probe(): void; stop(): void } {
  let heard = true;
  let misses = 0;
  const timer = setInterval(() => {
    misses = heard ? 0 : misses + 1;
    heard = false;
    if (misses >= allowedMisses) {
      clearInterval(timer);
      onDead();
      return;
    }
    ping();
  }, interval);
  return {
    alive() {
      heard = true;
    },
    // After an iframe `load`: the document behind the port may be gone. One missed ping decides.
    probe() {
      misses = allowedMisses - 1;
      heard = false;
      ping();
    },
    stop: () => clearInterval(timer),
  };
}
