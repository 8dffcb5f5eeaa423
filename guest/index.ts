/**
 * The widget's side: `connectToHost` answers only the embedding sites it lists, serves its
 * half of the contract and reports its size. Script tag: `FrameportGuest` (`dist/guest.iife.js`).
 *
 * @module frameport/guest
 */
export { connectToHost } from './connectToHost.ts';
export type { GuestEvents, GuestOptions, HostConnection } from './connectToHost.ts';
export type { ResizeOptions } from './resize.ts';
