import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/server.ts';
import { checkShareTarget, type ShareTargetManifest } from '../share-target/checkShareTarget.ts';
import type { ShareTargetRoute } from '../share-target/route.ts';
import { useChromium } from './harness/browser.ts';

import './pages/share-target/hooks.d.ts';

/**
 * frameport/share-target in Chromium, with its service worker registered: shares posted to the
 * action as the OS posts them (a multipart POST navigation), and posts nobody should store.
 */
const { origins, open } = useChromium();
const folder = '/test/pages/share-target';

/** The app with its service worker in control of the folder. */
async function app(): Promise<Page> {
  const { page } = await open(`${origins.host}${folder}/app.html`);
  await page.waitForFunction(() => window.shareApp !== undefined);
  expect(await page.evaluate(() => window.shareApp.registered())).toBe(true);
  return page;
}

describe('share target', () => {
  it('a multipart POST with text and a file: stored once, 303 to ?share=<id>, taken once, then gone', async () => {
    const page = await app();
    const navigated = page.waitForURL(/share=/);
    await page.evaluate(() =>
      window.shareApp.postNavigation({ title: 'A mug', text: 'Look at this mug', link: 'https://shop.example/mug' }, [
        { name: 'mug.png', type: 'image/png', text: 'not really a png' },
      ]),
    );
    await navigated;
    await page.waitForFunction(() => window.shareApp?.address !== undefined);
    // The address the 303 led to, as the page found it at load.
    const id = await page.evaluate(() => window.shareApp.params.share);
    expect(id).toMatch(/^[\w-]{36}$/);
    const taken = await page.evaluate(async () => ({ share: await window.shareApp.taken, address: window.shareApp.address }));
    expect(taken.share).toEqual({
      title: 'A mug',
      text: 'Look at this mug',
      url: 'https://shop.example/mug',
      files: [{ name: 'mug.png', type: 'image/png', text: 'not really a png' }],
    });
    // The id left the address bar: a reload or a copied link does not ask again.
    expect(taken.address).toBe(`${origins.host}${folder}/app.html`);
    expect(await page.evaluate((again) => window.shareApp.take(again), id)).toBeUndefined();
    expect(await page.evaluate(() => window.shareApp.count())).toBe(0);
  });

  it('expired shares are swept by the next takeShare, and never returned', async () => {
    const page = await app();
    await page.evaluate(() => window.shareApp.seedExpired());
    expect(await page.evaluate(() => window.shareApp.count())).toBe(1);
    expect(await page.evaluate(() => window.shareApp.take('expired-one'))).toBeUndefined();
    expect(await page.evaluate(() => window.shareApp.count())).toBe(0);
    // Swept also when another id (or none) is taken.
    await page.evaluate(() => window.shareApp.seedExpired());
    expect(await page.evaluate(() => window.shareApp.take('some-other-id'))).toBeUndefined();
    expect(await page.evaluate(() => window.shareApp.count())).toBe(0);
  });

  it.each([
    ['an empty body', 'empty', () => window.shareApp.post('', { 'content-type': 'multipart/form-data; boundary=x' })],
    ['a form with no fields', 'empty', () => window.shareApp.post(window.shareApp.form({}))],
    [
      'garbage that is not multipart',
      'unreadable',
      () => window.shareApp.post('not a form', { 'content-type': 'multipart/form-data; boundary=x' }),
    ],
    ['a javascript: URL', 'invalid-url', () => window.shareApp.post(window.shareApp.form({ link: 'javascript:alert(1)' }))],
    ['a text over its limit', 'invalid-text', () => window.shareApp.post(window.shareApp.form({ text: 'x'.repeat(201) }))],
    [
      'a file type the route does not accept',
      'file-type',
      () => window.shareApp.post(window.shareApp.form({}, [{ name: 'page.html', type: 'text/html', text: '<script>alert(1)</script>' }])),
    ],
    [
      'three files where two are allowed',
      'too-many-files',
      () =>
        window.shareApp.post(
          window.shareApp.form(
            {},
            [1, 2, 3].map((n) => ({ name: `${n}.png`, type: 'image/png', text: 'x' })),
          ),
        ),
    ],
    [
      'a file over its size limit',
      'file-too-large',
      () => window.shareApp.post(window.shareApp.form({}, [{ name: 'big.png', type: 'image/png', text: 'x'.repeat(1001) }])),
    ],
    [
      'a body larger than anything the schema allows',
      'too-large',
      () =>
        window.shareApp.post(window.shareApp.form({ title: 'x' }, [{ name: 'huge.png', type: 'image/png', text: 'x'.repeat(200_000) }])),
    ],
  ])('%s is reported as shareError=%s and nothing is stored', async (_, code, post) => {
    const page = await app();
    expect(await page.evaluate(post)).toEqual({ redirected: true, to: { shareError: code }, stored: 0 });
  });

  it('a flood of posts from anywhere stores at most twenty shares, then answers busy', async () => {
    const page = await app();
    const answers = await page.evaluate(async () => {
      const codes: string[] = [];
      for (let n = 0; n < 22; n += 1) {
        const { to } = await window.shareApp.post(window.shareApp.form({ title: `spam ${n}` }));
        codes.push(to.shareError ?? 'stored');
      }
      return { codes, stored: await window.shareApp.count() };
    });
    expect(answers).toEqual({ codes: [...Array<string>(20).fill('stored'), 'busy', 'busy'], stored: 20 });
  });

  it('the page hands a taken share to a widget that declares a method for it, files included', async () => {
    const page = await app();
    const received = await page.evaluate(async (guest) => {
      const form = window.shareApp.form({ title: 'A mug', link: 'https://shop.example/mug' }, [
        { name: 'mug.png', type: 'image/png', text: 'pixels' },
      ]);
      const { to } = await window.shareApp.post(form);
      return { handed: await window.shareApp.handOff(to.share!, guest), left: await window.shareApp.count() };
    }, origins.guest);
    expect(received).toEqual({ handed: { title: 'A mug', files: ['mug.png image/png pixels'] }, left: 0 });
  });

  it("the test app's manifest agrees with the route its service worker serves", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'test/pages/share-target/manifest.json'), 'utf8')) as ShareTargetManifest;
    // The same module the service worker imports, not a copy.
    const { route } = (await import(pathToFileURL(join(repoRoot, 'test/pages/share-target/route.mjs')).href)) as {
      route: ShareTargetRoute;
    };
    const base = `${origins.host}${folder}/`;
    expect(checkShareTarget(manifest, route, { manifestUrl: `${base}manifest.json`, scope: base })).toEqual([]);
  });

  it("the demo shop's manifest agrees with the route its service worker serves", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'demo/shop/manifest.json'), 'utf8')) as ShareTargetManifest;
    const { route } = (await import(pathToFileURL(join(repoRoot, 'demo/shop/share-route.mjs')).href)) as { route: ShareTargetRoute };
    const base = 'http://localhost:5170/demo/shop/';
    expect(checkShareTarget(manifest, route, { manifestUrl: `${base}manifest.json`, scope: base })).toEqual([]);
  });
});
