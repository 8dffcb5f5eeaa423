export { completeAuthPopup } from './completeAuthPopup.ts';
export type { CompleteOptions } from './completeAuthPopup.ts';
export { openAuthPopup } from './openAuthPopup.ts';
export type { AuthPopupOptions, AuthResult } from './openAuthPopup.ts';
export { createPkce, pkceChallenge } from './pkce.ts';
export type { Pkce } from './pkce.ts';
