/**
 * Sign-in in a popup (OAuth 2 / OpenID Connect authorization code with PKCE), from a page or
 * from inside a cross-site widget: `openAuthPopup` in the app, `completeAuthPopup` on the
 * callback page. Script tag: `FrameportPopup` (`dist/popup.iife.js`).
 *
 * @module frameport/popup
 */
export { completeAuthPopup } from './completeAuthPopup.ts';
export type { CompleteOptions } from './completeAuthPopup.ts';
export { openAuthPopup } from './openAuthPopup.ts';
export type { AuthPopupOptions, AuthResult } from './openAuthPopup.ts';
export { createPkce, pkceChallenge } from './pkce.ts';
export type { Pkce } from './pkce.ts';
