/**
 * Web Share Target for an installed web app: in the service worker, `handleShareTarget` takes
 * the share the OS posts to the manifest's `share_target.action`, keeps only what the route's
 * schema declares, stores it once in IndexedDB and redirects to the page; there `takeShare`
 * hands it over once. `checkShareTarget`, in a test, checks that the manifest and the route
 * agree.
 *
 * @module frameport/share-target
 */
export { handleShareTarget } from './handleShareTarget.ts';
export type { ShareTargetEvent } from './handleShareTarget.ts';
export { takeShare } from './takeShare.ts';
export { checkShareTarget } from './checkShareTarget.ts';
export type { ShareTargetManifest } from './checkShareTarget.ts';
export type { ReceivedShare, ShareFilesParam, ShareTargetError, ShareTargetRoute, ShareTargetSchema, ShareTextParam } from './route.ts';
