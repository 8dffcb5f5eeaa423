import { guestStage } from '../guest/stage.ts';
import { hostStage } from '../host/handshake.ts';
import { standInForFrames } from './testGuest.ts';
import { standInForWidget } from './testHost.ts';

export { createTestHost } from './testHost.ts';
export type { TestHost, TestHostOptions } from './testHost.ts';
export { createTestGuest } from './testGuest.ts';
export type { TestGuest, TestGuestOptions } from './testGuest.ts';
export type { TestCall, TestEnd, TestEvents } from './end.ts';

// Importing the kit is what makes this realm's connectToHost and mountWidget meet test ends
// instead of a browser's frames: a test file imports it; an app never does.
guestStage.standIn = standInForWidget;
hostStage.standIn = standInForFrames;
