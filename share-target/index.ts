export { handleShareTarget } from './handleShareTarget.ts';
export type { ShareTargetEvent } from './handleShareTarget.ts';
export { takeShare } from './takeShare.ts';
export { checkShareTarget } from './checkShareTarget.ts';
export type { ShareTargetManifest } from './checkShareTarget.ts';
export type { ReceivedShare, ShareFilesParam, ShareTargetError, ShareTargetRoute, ShareTargetSchema, ShareTextParam } from './route.ts';
