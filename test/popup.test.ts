import type { BrowserContext, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

const { origins, open } = useChromium();
const pages = '/test/pages/popup';

interface SignIn {
  value?: { params: Record<string, string>; url: string; state: string; codeVerifier?: string };
  code?: string;
  message?: string;
}

/**
 * The first popup the context opens after `action`, once it has loaded its first real page
 * (with PKCE the window opens blank and is sent on once the challenge is computed).
 */
async function popupAfter(context: BrowserContext, action: () => Promise<unknown>): Promise<Page> {
  const [popup] = await Promise.all([context.waitForEvent('page'), action()]);
  await popup.waitForURL((url) => url.protocol !== 'about:');
  await popup.waitForLoadState();
  return popup;
}

/** Signs in on the provider's page (ours: a username and a button). */
async function signInAt(provider: Page): Promise<void> {
  await provider.getByRole('button', { name: 'Sign in' }).click();
}

async function topLevelApp(config: Record<string, unknown>): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await open(`${origins.host}${pages}/app.html`);
  await page.evaluate((given) => (window.config = given), config);
  return { page, context };
}

async function widgetApp(config: Record<string, unknown>): Promise<{ page: Page; context: BrowserContext; widget: Frame }> {
  const { page, context } = await open(
    `${origins.host}${pages}/embed.html?widget=${encodeURIComponent(`${origins.guest}${pages}/app.html`)}`,
  );
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origins.guest))).toBe(true);
  const widget = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
  await widget.waitForSelector('#signin');
  await widget.evaluate((given) => (window.config = given), config);
  return { page, context, widget };
}

const result = (where: Page | Frame, index = 0): Promise<SignIn> => where.evaluate((i) => window.results[i]!, index) as Promise<SignIn>;

describe('popup sign-in from a top-level page', () => {
  for (const coop of [false, true]) {
    it(`completes against a real OpenID provider${coop ? ' that sends COOP: same-origin' : ''}, and the code exchanges for tokens`, async () => {
      const issuer = coop ? origins.idp : origins.idpPlain;
      const { page, context } = await topLevelApp({ issuer });
      const provider = await popupAfter(context, () => page.click('#signin'));
      await signInAt(provider);
      const signedIn = await result(page);
      expect(signedIn.code).toBeUndefined();
      const { params, url, state, codeVerifier } = signedIn.value!;
      expect(params).toMatchObject({ code: expect.any(String), state, iss: issuer });
      expect(url.startsWith(`${origins.host}${pages}/callback.html?`)).toBe(true);
      // PKCE for real: the provider requires it and checks the verifier.
      const tokens = await page.evaluate((request) => window.tokens(request), { issuer, code: params.code!, codeVerifier: codeVerifier! });
      expect(tokens).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String), token_type: 'Bearer' });
      await expect.poll(() => provider.isClosed()).toBe(true);
    });
  }

  it('refuses a callback with a state it did not send: STATE_MISMATCH', async () => {
    // The forged endpoint answers at once; the popup may be gone before a test could look at it.
    const { page } = await topLevelApp({ issuer: origins.idpPlain, authPath: `${pages}/forge.html` });
    await page.click('#signin');
    expect(await result(page)).toMatchObject({ code: 'STATE_MISMATCH' });
  });

  it('refuses a replayed callback: each state is accepted once', async () => {
    const { page, context } = await topLevelApp({ issuer: origins.idpPlain });
    await signInAt(await popupAfter(context, () => page.click('#signin')));
    const first = await result(page);
    expect(first.value?.params.code).toBeTruthy();
    await page.evaluate(
      ([issuer, replay]) => (window.config = { issuer, authPath: '/test/pages/popup/forge.html', extra: { replay } }),
      [origins.idpPlain, first.value!.url],
    );
    await page.click('#signin');
    expect(await result(page, 1)).toMatchObject({ code: 'STATE_MISMATCH', message: expect.stringContaining('replayed') });
  });

  it('turns a provider error into AUTH_ERROR', async () => {
    // prompt=none with no session: the provider answers error=login_required at once, and the
    // callback closes the popup before a test could look at it.
    const { page } = await topLevelApp({ issuer: origins.idp, prompt: 'none' });
    await page.click('#signin');
    expect(await result(page)).toMatchObject({ code: 'AUTH_ERROR', message: expect.stringContaining('login_required') });
  });

  for (const coop of [false, true]) {
    it(`settles with POPUP_CLOSED when the user closes the popup${coop ? ' (COOP: closed alone proves nothing)' : ''}`, async () => {
      const { page, context } = await topLevelApp({ issuer: coop ? origins.idp : origins.idpPlain });
      const provider = await popupAfter(context, () => page.click('#signin'));
      await provider.waitForSelector('#login');
      await provider.close();
      expect(await result(page)).toMatchObject({ code: 'POPUP_CLOSED' });
    });
  }

  it('rejects with POPUP_BLOCKED when the browser blocks a popup opened without a click', async () => {
    const { page } = await open(`${origins.host}${pages}/app.html?auto`);
    expect(await result(page)).toMatchObject({ code: 'POPUP_BLOCKED' });
  });

  it('times out with POPUP_TIMEOUT and closes the popup', async () => {
    const { page, context } = await topLevelApp({ issuer: origins.idpPlain, timeout: 1500 });
    const provider = await popupAfter(context, () => page.click('#signin'));
    expect(await result(page)).toMatchObject({ code: 'POPUP_TIMEOUT' });
    await expect.poll(() => provider.isClosed()).toBe(true);
  });

  it('refuses a second sign-in while one is open (POPUP_BUSY), and the first still completes', async () => {
    const { page, context } = await topLevelApp({ issuer: origins.idpPlain });
    const provider = await popupAfter(context, () => page.click('#signin'));
    await page.click('#signin');
    expect(await result(page, 1)).toMatchObject({ code: 'POPUP_BUSY' });
    await signInAt(provider);
    expect((await result(page, 0)).value?.params.code).toBeTruthy();
  });
});

describe('popup sign-in from a widget in a cross-site iframe', () => {
  for (const coop of [false, true]) {
    it(`completes through the relay window${coop ? ' when the provider sends COOP: same-origin' : ''}`, async () => {
      const issuer = coop ? origins.idp : origins.idpPlain;
      const { context, widget } = await widgetApp({ issuer });
      const relay = await popupAfter(context, () => widget.click('#signin'));
      // The request is not in the URL: the relay asks the widget for it.
      expect(relay.url()).toBe(`${origins.guest}${pages}/callback.html#frameport-relay`);
      const provider = await popupAfter(context, () => relay.getByRole('button', { name: 'Continue to sign in' }).click());
      await signInAt(provider);
      const signedIn = await result(widget);
      expect(signedIn.value?.params).toMatchObject({ code: expect.any(String), iss: issuer });
      const tokens = await widget.evaluate((request) => window.tokens(request), {
        issuer,
        code: signedIn.value!.params.code!,
        codeVerifier: signedIn.value!.codeVerifier!,
      });
      expect(tokens).toMatchObject({ access_token: expect.any(String) });
      await expect.poll(() => relay.isClosed()).toBe(true);
    });
  }

  it('settles with POPUP_CLOSED when the user closes the relay window', async () => {
    const { context, widget } = await widgetApp({ issuer: origins.idp });
    const relay = await popupAfter(context, () => widget.click('#signin'));
    await popupAfter(context, () => relay.getByRole('button', { name: 'Continue to sign in' }).click());
    await relay.close();
    expect(await result(widget)).toMatchObject({ code: 'POPUP_CLOSED' });
  });

  it('shows why a first-party BroadcastChannel cannot be the answer: the widget never hears the callback', async () => {
    // Without the relay, the COOP callback falls back to a BroadcastChannel of the widget's
    // origin at top level, which the partitioned iframe does not share: nothing arrives.
    const { context, widget } = await widgetApp({ issuer: origins.idp, relay: false, timeout: 4000 });
    await signInAt(await popupAfter(context, () => widget.click('#signin')));
    expect((await result(widget)).code).toMatch(/^POPUP_(CLOSED|TIMEOUT)$/);
  });
});
