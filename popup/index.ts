export { createPkce, pkceChallenge } from './pkce.ts';
export type { Pkce } from './pkce.ts';
