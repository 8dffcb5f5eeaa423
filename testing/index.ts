/**
 * Tests for widgets and host apps without a browser: `createTestHost` stands in for the page that
 * embeds a widget, `createTestGuest` for a widget a host app mounts. Both run frameport's real
 * link, guard, contract checks, rate limits and error codes over a real `MessageChannel`, in
 * Node or jsdom. Import it from test files only: importing it is what points this realm's
 * `connectToHost` at test hosts.
 *
 * @module frameport/testing
 */
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
