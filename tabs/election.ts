/**
 * Leads while holding the Web Lock `name`. The browser grants a lock to one holder at a time
 * and passes it to the next waiter as soon as the holder releases it, or its tab closes,
 * crashes or is discarded: no timers, no voting messages a busy tab can miss (how message-based
 * elections end up with several leaders). `onChange(true)` when this tab gains the lock,
 * `onChange(false)` when the returned function gives it up. Without Web Locks (an insecure
 * context) this tab never leads.
 */
export function elect(name: string, onChange: (leader: boolean) => void): () => void {
  const abort = new AbortController();
  let release: (() => void) | undefined;
  navigator.locks
    ?.request(name, { signal: abort.signal }, () => {
      // Granted after we gave up (the grant was already queued): hand it on at once.
      if (abort.signal.aborted) return;
      onChange(true);
      return new Promise<void>((resolve) => (release = resolve));
    })
    // AbortError when we give up while waiting; SecurityError in an opaque origin.
    .catch(() => undefined);
  return () => {
    abort.abort();
    if (release) {
      onChange(false);
      release();
    }
  };
}
