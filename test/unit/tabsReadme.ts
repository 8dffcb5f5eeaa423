// The README's "Tab sync" snippets, compiled against the package's own types (`frameport/*`
// resolves to dist/ through package.json's exports). tabs/readme.test.ts checks the README
// shows each region verbatim. Never run: the functions below are the app's, declared only.
declare function showSignedIn(name: string): void;
declare function showSignedOut(): void;
declare function renderCart(cart: { items: { sku: string; qty: number }[] }): void;
declare function refreshToken(): Promise<void>;
declare function authorizeUrl(): URL;
declare function exchangeCode(code: string, verifier: string): Promise<{ id: string; name: string }>;
declare const signInButton: HTMLButtonElement;

// #region channel
// tabs.ts: one channel for the app, imported by every page
import { z } from 'zod';
import { createTabChannel } from 'frameport/tabs';

const item = z.object({ sku: z.string().max(64), qty: z.number().int().positive() });

export const tabs = createTabChannel('shop', {
  topics: {
    login: { kind: 'event', schema: z.object({ userId: z.string(), name: z.string().max(200) }) },
    logout: { kind: 'event', schema: z.object({ reason: z.enum(['user', 'expired']) }) },
    cart: { kind: 'state', schema: z.object({ items: z.array(item).max(500) }) },
    theme: { kind: 'state', schema: z.enum(['light', 'dark', 'system']) },
  },
});
tabs.on('refused', ({ reason, topic }) => console.warn('tab sync refused', reason, topic));
// #endregion channel

// #region login
tabs.on('login', ({ name }) => showSignedIn(name));
tabs.on('logout', () => {
  showSignedOut();
  location.assign('/signed-out');
});

export async function signOut(): Promise<void> {
  await fetch('/logout', { method: 'POST' });
  showSignedOut();
  tabs.publish('logout', { reason: 'user' });
}
// #endregion login

// #region cart
export function setCart(cart: { items: { sku: string; qty: number }[] }): void {
  renderCart(cart);
  tabs.publish('cart', cart); // throws INVALID_INPUT if it breaks the schema
}
tabs.on('cart', renderCart); // another tab changed it, or this tab just opened and got it
renderCart(tabs.get('cart') ?? { items: [] });
// #endregion cart

// #region theme
const applyTheme = (theme: 'light' | 'dark' | 'system'): void => {
  document.documentElement.dataset.theme = theme;
};
tabs.on('theme', applyTheme);
export const setTheme = (theme: 'light' | 'dark' | 'system'): void => {
  applyTheme(theme);
  tabs.publish('theme', theme);
};
// #endregion theme

// #region leader
let refresher: ReturnType<typeof setInterval> | undefined;
tabs.on('leader', () => {
  refresher = setInterval(() => void refreshToken(), 4 * 60_000);
});
tabs.on('follower', () => clearInterval(refresher));
// #endregion leader

// #region popup
import { openAuthPopup } from 'frameport/popup';

signInButton.addEventListener('click', async () => {
  const { params, codeVerifier } = await openAuthPopup({ url: authorizeUrl(), pkce: true });
  // Your back end trades the code for tokens and sets the session cookie.
  const user = await exchangeCode(params.code!, codeVerifier!);
  showSignedIn(user.name);
  // The other tabs learn it now: the fact, never the tokens.
  tabs.publish('login', { userId: user.id, name: user.name });
});
// #endregion popup
