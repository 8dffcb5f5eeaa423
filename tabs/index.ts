/**
 * Keeps the tabs of one site in step over a `BroadcastChannel`: declared topics only, each
 * value checked, sized and rate-limited; states that converge, and one leader tab.
 * Script tag: `FrameportTabs` (`dist/tabs.iife.js`).
 *
 * @module frameport/tabs
 */
export { createTabChannel } from './createTabChannel.ts';
export type { TabChannel } from './createTabChannel.ts';
export type { Rate, TabChannelOptions, TopicSpec, Topics } from './options.ts';
export type { TabRefusal, TabRefusedReason } from './refusal.ts';
