import { guestStage } from '../guest/stage.ts';
import { standInForWidget } from './testHost.ts';

export { createTestHost } from './testHost.ts';
export type { TestHost, TestHostOptions } from './testHost.ts';
export { createTestGuest } from './testGuest.ts';
export type { TestGuest, TestGuestOptions } from './testGuest.ts';
export type { TestCall, TestEnd, TestEvents } from './end.ts';

// Importing the kit is what makes this realm's connectToHost meet test hosts instead of a
// browser's parent page: a test file imports it; a widget never does. (mountWidget needs no
// such switch: a test guest finds the app's frames when it is created.)
guestStage.page = standInForWidget;
