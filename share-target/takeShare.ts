import type { ReceivedShare } from './route.ts';
import { sweep, transact, type StoredShare } from './store.ts';

/**
 * On the page the share target redirects to: returns the share stored under `id` (by default
 * the `share` parameter of the address) once, and deletes it; a second call, an unknown or an
 * expired id give `undefined`. It also deletes every expired share, and removes `share` from
 * the address bar so that a reload or a copied link does not ask again.
 *
 * @example
 * ```ts
 * import { takeShare } from 'frameport/share-target';
 *
 * declare function addToWishList(url: string): void;
 * const shared = await takeShare(); // the `share` id of the address, once
 * if (shared?.url) addToWishList(shared.url);
 * ```
 */
export async function takeShare(id: string | null = new URLSearchParams(location.search).get('share')): Promise<ReceivedShare | undefined> {
  const address = new URL(location.href);
  address.searchParams.delete('share');
  history.replaceState(history.state, '', address.href);
  const now = Date.now();
  const found = await transact('readwrite', (store) => {
    const taken: { share?: StoredShare } = {};
    // Only ever a key to look up: an id made up by hand finds nothing.
    if (id) {
      store.get(id).onsuccess = ({ target }) => (taken.share = (target as IDBRequest<StoredShare | undefined>).result);
      store.delete(id);
    }
    sweep(store, now);
    return taken;
  });
  const { share } = found;
  if (!share || !(share.expires > now)) return undefined;
  delete (share as Partial<StoredShare>).expires;
  return share;
}
