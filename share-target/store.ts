import type { ReceivedShare } from './route.ts';

/** A share as stored, until `takeShare` or its expiry. */
export interface StoredShare extends ReceivedShare {
  expires: number;
}

/**
 * One transaction on the shares store, for the service worker and the page alike (same
 * origin, same database). Resolves with `work`'s result once the transaction has committed,
 * so that a share is never reported stored (or taken) before it is.
 */
export function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore, tx: IDBTransaction) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open('frameport-share-target', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('shares');
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      try {
        const tx = db.transaction('shares', mode);
        const result = work(tx.objectStore('shares'), tx);
        tx.oncomplete = () => resolve(result);
        tx.onerror = tx.onabort = () => reject(tx.error);
      } catch (error) {
        reject(error);
      } finally {
        // Closes once the transaction is done; an open connection would block a version change.
        db.close();
      }
    };
  });
}

/** Deletes every expired share, in the transaction at hand. */
export function sweep(store: IDBObjectStore, now: number): void {
  store.openCursor().onsuccess = ({ target }) => {
    const cursor = (target as IDBRequest<IDBCursorWithValue | null>).result;
    if (!cursor) return;
    if (!((cursor.value as StoredShare).expires > now)) cursor.delete();
    cursor.continue();
  };
}
