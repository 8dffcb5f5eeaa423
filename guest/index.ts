export { connectToHost } from './connectToHost.ts';
export type { GuestEvents, GuestOptions, HostConnection } from './connectToHost.ts';
export type { ResizeOptions } from './resize.ts';
