/**
 * Web Share for pages and widgets: `share` opens the system's share sheet and resolves to an
 * outcome instead of rejecting, once the browser says it can share the data; where Web Share is
 * missing it copies the link, and in a widget whose frame may not share it asks the host, which
 * checks the data against `shareLimits` and shares for it if it mounted the widget with
 * `share: 'delegate'`. `canShare` says beforehand whether this frame's sheet would open.
 *
 * @module frameport/share
 */
export { share, canShare } from './share.ts';
export type { ShareOptions } from './share.ts';
export { shareLimits } from '../shared/shareData.ts';
export type { ShareInput, ShareOutcome, ShareRefusal } from '../shared/shareData.ts';
