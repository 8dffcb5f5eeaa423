/**
 * Calls `suspend` when the page is hidden for navigation (`pagehide`) or frozen (`freeze`) and
 * `resume` when it is back (`pageshow`, `resume`); entering the back/forward cache fires both of
 * the first, leaving it both of the second, and a page's first `pageshow` is a `resume` too, so
 * each must be safe to call again. Not `beforeunload`/`unload`: they keep pages out of the
 * back/forward cache. A page there keeps its Web Locks, frozen (seen in Chromium): `suspend` is
 * where a tab lets go of the ones that say it is alive. Workers have none of these events, and
 * never need them.
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
