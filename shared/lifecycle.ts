/**
 * Calls `suspend` when the page is hidden for navigation (`pagehide`) or frozen (`freeze`) and
 * `resume` when it is back (`pageshow`, `resume`). Not `beforeunload`/`unload`: they keep pages
 * out of the back/forward cache, and so does a held Web Lock, which `suspend` releases. Workers
 * have none of these events, and never need them.
 */
export function watchLifecycle(suspend: () => void, resume: () => void): () => void {
  const doc = globalThis.document as Document | undefined;
  const pairs = [
    [globalThis, 'pagehide', suspend],
    [globalThis, 'pageshow', resume],
    [doc, 'freeze', suspend],
    [doc, 'resume', resume],
  ] as const;
  for (const [target, type, listener] of pairs) target?.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of pairs) target?.removeEventListener(type, listener);
  };
}
