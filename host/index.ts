export { mountWidget } from './mountWidget.ts';
export { introduce } from './introduce.ts';
export type { HostEvents, MountOptions, Widget } from './mountWidget.ts';
export type { AppliedSize, AutoResizeOptions } from './resize.ts';
