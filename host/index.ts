/**
 * The embedding page's side: `mountWidget` puts a widget in a sandboxed cross-origin iframe
 * and connects to it only through an exact-origin handshake on a private `MessagePort`;
 * `introduce` gives two widgets a direct line. Script tag: `FrameportHost` (`dist/host.iife.js`).
 *
 * @module frameport/host
 */
export { mountWidget } from './mountWidget.ts';
export { introduce } from './introduce.ts';
export type { HostEvents, MountOptions, Widget } from './mountWidget.ts';
export type { AppliedSize, AutoResizeOptions } from './resize.ts';
