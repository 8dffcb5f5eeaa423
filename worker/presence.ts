/**
 * Presence by Web Locks. Browsers fire no `close` on a port and nothing when a tab closes,
 * crashes or is discarded, but they do release that tab's Web Locks at once. So each tab
 * holds a lock named by its connection id for as long as it is connected, and whoever needs to
 * know when it goes (the hub, a relay) requests the same lock: the grant is the news.
 */
const lockName = (id: string): string => `frameport-hub/1:${id}`;

/** A connection (or hub) id. They name Web Locks that every script of the origin can list: unguessable would buy nothing. */
export const newId = (): string => Math.random().toString(36).slice(2) + Date.now().toString(36);

/**
 * Holds the lock `id` until the returned function is called; `onHeld` once it is ours. A tab
 * announces its id only from `onHeld`: a watcher asking before the lock is held would be
 * granted it at once, and take the tab for gone.
 */
export function hold(id: string, onHeld: () => void): () => void {
  const abort = new AbortController();
  let release: (() => void) | undefined;
  navigator.locks
    .request(lockName(id), { signal: abort.signal }, () => {
      // Granted after we gave up (the grant was already queued): hand it on at once.
      if (abort.signal.aborted) return;
      onHeld();
      return new Promise<void>((resolve) => (release = resolve));
    })
    // AbortError when we give up while waiting.
    .catch(() => undefined);
  return () => {
    abort.abort();
    release?.();
  };
}

/**
 * `onGone` once whoever holds the lock `id` lets it go (or at once, if nobody holds it: an id
 * nobody holds belongs to no live tab). The returned function stops watching.
 */
export function whenGone(id: string, onGone: () => void): () => void {
  const abort = new AbortController();
  navigator.locks
    .request(lockName(id), { signal: abort.signal }, () => {
      if (!abort.signal.aborted) onGone();
    })
    .catch(() => undefined);
  return () => abort.abort();
}
