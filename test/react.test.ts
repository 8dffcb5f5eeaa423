import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/server.ts';
import { useChromium } from './harness/browser.ts';

declare global {
  interface Window {
    messageListeners(): number;
  }
}

const { origins, open } = useChromium();
const pages = join(repoRoot, 'test', 'pages', 'react');

beforeAll(async () => {
  // React's development build: only there does StrictMode mount, unmount and mount again.
  await build({
    entryPoints: [join(pages, 'app.tsx')],
    outfile: join(pages, 'app.bundle.js'),
    bundle: true,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
});

async function appPage(): Promise<Page> {
  const guest = `${origins.guest}/test/pages/react/guest.html?${new URLSearchParams({ allowed: origins.host })}`;
  const { page } = await open(`${origins.host}/test/pages/react/host.html?${new URLSearchParams({ guest })}`);
  await page.waitForFunction(() => window.app?.status === 'connected');
  return page;
}

const guestFrames = (page: Page): number => page.frames().filter((frame) => frame.url().startsWith(origins.guest)).length;
const liveness = (page: Page): Promise<{ iframes: number; listeners: number }> =>
  page.evaluate(() => ({ iframes: document.querySelectorAll('iframe').length, listeners: window.messageListeners() }));

describe('useWidget in a React app under StrictMode', () => {
  it('mount, unmount, mount leaves exactly one live connection and no console error', async () => {
    const page = await appPage();
    expect(await page.evaluate(() => window.app.counts())).toEqual({ loads: 1, connects: 1 });
    expect(await liveness(page)).toEqual({ iframes: 1, listeners: 1 });
    expect(guestFrames(page)).toBe(1);
    expect(await page.evaluate(() => window.app.onConnects)).toBe(1);
    // (The harness fails the test on any console error or uncaught exception of the page.)
  });

  it('a re-render with new inline methods uses them without remounting', async () => {
    const page = await appPage();
    await page.evaluate(() => void (document.querySelector('iframe')!.dataset.first = 'yes'));
    expect(await page.evaluate(() => window.app.askLabel())).toBe('first');
    await page.evaluate(() => window.app.relabel('second'));
    await page.waitForFunction(() => window.app.askLabel().then((label) => label === 'second'));
    expect(await page.evaluate(() => document.querySelector('iframe')?.dataset.first)).toBe('yes');
    expect(await page.evaluate(() => window.app.counts())).toEqual({ loads: 1, connects: 1 });
    expect(await page.evaluate(() => window.app.status)).toBe('connected');
  });

  it('calls onConnect again after the widget reloads, so the host can send its state again', async () => {
    const page = await appPage();
    const guest = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
    await guest.evaluate(() => location.reload());
    await page.waitForFunction(() => window.app.onConnects === 2);
    expect(await page.evaluate(() => window.app.counts())).toEqual({ loads: 2, connects: 2 });
    expect(await page.evaluate(() => window.app.status)).toBe('connected');
  });

  it('unmounting destroys the widget: no frame, no listener, calls reject', async () => {
    const page = await appPage();
    const held = await page.evaluateHandle(() => window.app.counts);
    await page.evaluate(() => window.app.show(false));
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 0);
    const counts = await page.evaluate((call) => window.settle(call()), held);
    expect(counts.code).toBe('DISCONNECTED');
    expect(await liveness(page)).toEqual({ iframes: 0, listeners: 0 });
    expect(guestFrames(page)).toBe(0);
  });
});
