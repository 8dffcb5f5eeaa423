import { handleShareTarget } from '/dist/share-target.mjs';
import { route } from './route.mjs';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  handleShareTarget(event, route);
});
