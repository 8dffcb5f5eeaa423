export { share, canShare } from './share.ts';
export type { ShareOptions } from './share.ts';
export { shareLimits } from '../shared/shareData.ts';
export type { ShareInput, ShareOutcome, ShareRefusal } from '../shared/shareData.ts';
