/**
 * Many deadlines on one timer. Every call has a timeout, and pipelined calls come in thousands:
 * a `setTimeout` and `clearTimeout` each cost about a tenth of a call's round trip. One timer,
 * always set for the earliest deadline, does the same job.
 */
export interface Deadlines {
  add(key: string, ms: number, expire: () => void): void;
  delete(key: string): void;
  clear(): void;
}

export function createDeadlines(): Deadlines {
  const due = new Map<string, { at: number; expire: () => void }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const schedule = (at: number): void => {
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(fire, Math.max(0, at - performance.now()));
  };

  function fire(): void {
    timer = undefined;
    timerAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const [key, entry] of due) {
      if (entry.at <= now) {
        due.delete(key);
        entry.expire();
      } else if (entry.at < next) {
        next = entry.at;
      }
    }
    if (next < Infinity) schedule(next);
  }

  return {
    add(key, ms, expire) {
      const at = performance.now() + ms;
      due.set(key, { at, expire });
      schedule(at);
    },
    // The timer stays: when it fires it finds nothing due, and moves on to the next deadline.
    delete(key) {
      due.delete(key);
    },
    clear() {
      due.clear();
      clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
    },
  };
}
