import type { HandshakeWindow } from './handshake.ts';
import type { ResizeOptions, SizeWatcher } from './resize.ts';

/** What stands in for the page during one `connectToHost`: its window and its size watcher. */
export interface GuestStandIn {
  window: HandshakeWindow;
  watchSize(send: (size: { height: number; width?: number }) => void, options: ResizeOptions): SizeWatcher;
}

/**
 * The one seam through which `frameport/testing` (`createTestHost`) stands in for the page, so a
 * widget's own, unmodified `connectToHost` reaches a test host in Node or jsdom. Module state in
 * frameport's own code, not a global: only code that imports frameport's modules in this realm
 * can set it, and such code runs as the widget already. A message from another window, trusted
 * or synthetic, never reaches it, and the real handshake's checks run on what the stand-in
 * delivers. Empty unless the test kit was imported.
 */
export const guestStage: { page?: () => GuestStandIn } = {};
