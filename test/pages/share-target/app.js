import { mountWidget } from '/dist/host.mjs';
import { takeShare } from '/dist/share-target.mjs';
import { handOff } from './contract.js';

/** A share as plain data the test can read: files as name, type and text. */
const readable = async (share) =>
  share && {
    ...share,
    files: await Promise.all(share.files.map(async (file) => ({ name: file.name, type: file.type, text: await file.text() }))),
  };

const database = () =>
  new Promise((resolve, reject) => {
    const opening = indexedDB.open('frameport-share-target', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('shares');
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
const inStore = (mode, work) =>
  database().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction('shares', mode);
        const request = work(tx.objectStore('shares'));
        tx.oncomplete = () => {
          db.close();
          resolve(request?.result);
        };
        tx.onerror = () => reject(tx.error);
      }),
  );

// Test hooks: the page the share target redirects to, and what the test does around it.
const app = {
  params: Object.fromEntries(new URLSearchParams(location.search)),
  async registered() {
    await navigator.serviceWorker.register('./sw.mjs', { type: 'module' });
    await navigator.serviceWorker.ready;
    // A navigation goes through the worker of its scope; this page's own fetches only once the
    // worker has claimed it.
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return true;
  },
  /** Posts a form to the action as the OS would, by navigating: text fields and files by content. */
  postNavigation(fields, files = []) {
    const form = document.createElement('form');
    Object.assign(form, { method: 'post', enctype: 'multipart/form-data', action: './app.html' });
    for (const [name, value] of Object.entries(fields)) form.append(Object.assign(document.createElement('input'), { name, value }));
    const input = Object.assign(document.createElement('input'), { type: 'file', name: 'media', multiple: true });
    const chosen = new DataTransfer();
    for (const { name, type, text } of files) chosen.items.add(new File([text], name, { type }));
    input.files = chosen.files;
    form.append(input);
    document.body.append(form);
    form.submit();
  },
  /** The same post by fetch (redirects followed): where it was sent, and what got stored. */
  async post(body, headers) {
    const response = await fetch('./app.html', { method: 'POST', body, headers });
    return { redirected: response.redirected, to: Object.fromEntries(new URL(response.url).searchParams), stored: await app.count() };
  },
  form(fields, files = []) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const { name, type, text } of files) form.append('media', new File([text], name, { type }));
    return form;
  },
  count: () => inStore('readonly', (store) => store.count()),
  /** A share left behind long ago, as if nobody ever took it. */
  seedExpired: () => inStore('readwrite', (store) => store.put({ title: 'old', files: [], expires: Date.now() - 1 }, 'expired-one')),
  take: async (id) => readable(await takeShare(id)),
  /** Takes the share once and hands it to a widget that declares a method for it. */
  async handOff(id, guestOrigin) {
    const shared = await takeShare(id);
    const src = `${guestOrigin}/test/pages/share-target/widget.html?host=${encodeURIComponent(location.origin)}`;
    const widget = mountWidget({ container: document.body, src, title: 'share widget', contract: handOff });
    return widget.remote.receiveShare(shared);
  },
};
// The page as the share target leaves it: take the share at once, as an app would.
app.taken = app.params.share ? takeShare().then(readable) : Promise.resolve(undefined);
app.taken.then(() => (app.address = location.href));
window.shareApp = app;
