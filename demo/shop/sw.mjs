import { handleShareTarget } from '/dist/share-target.mjs';
import { route } from './share-route.mjs';

// The shop's service worker: it only receives shares (the OS posts them to the manifest's action).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  handleShareTarget(event, route);
});
