export { createTabChannel } from './createTabChannel.ts';
export type { TabChannel } from './createTabChannel.ts';
export type { Rate, TabChannelOptions, TopicSpec, Topics } from './options.ts';
export type { TabRefusal, TabRefusedReason } from './refusal.ts';
