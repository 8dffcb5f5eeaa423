import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

// Several exact origins on the host, and AbortSignal on both sides, in a real browser.
const { origins, open } = useChromium();
const pages = '/test/pages/connection';
const guestUrl = (params: Record<string, string> = {}): string =>
  `${origins.guest}${pages}/guest.html?${new URLSearchParams({ allowed: origins.host, ...params })}`;

async function hostPage(): Promise<Page> {
  const { page } = await open(`${origins.host}${pages}/host.html`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

function frameOf(page: Page, origin: string): Frame {
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.url().startsWith(origin));
  if (!frame) throw new Error(`no frame from ${origin}`);
  return frame;
}

describe('several exact origins', () => {
  it('connects to a widget that answers from the second listed origin (behind a redirect) and reports it', async () => {
    const page = await hostPage();
    const src = `${origins.evil}${pages}/redirect.html?${new URLSearchParams({ to: guestUrl() })}`;
    const outcome = await page.evaluate(({ src, origin }) => window.settle(window.mount({ src, origin }).ready), {
      src,
      origin: [origins.evil, origins.guest],
    });
    expect(outcome).toEqual({ value: undefined });
    expect(await page.evaluate(() => window.log.filter((entry) => entry.startsWith('connect:')))).toEqual([`connect:${origins.guest}`]);
    expect(await frameOf(page, origins.guest).evaluate(() => window.connection)).toEqual({ value: origins.host });
    expect(await page.evaluate(() => window.settle(window.widget.remote.add({ a: 1, b: 2 })))).toEqual({ value: 3 });
  });

  it('refuses a widget whose origin is not in the list', async () => {
    const page = await hostPage();
    await page.evaluate(({ src, origin }) => void window.mount({ src, origin }), { src: guestUrl(), origin: [origins.evil, origins.idp] });
    await page.waitForFunction(() => window.log.includes('refused:origin'));
    expect(await page.evaluate(() => window.log.some((entry) => entry.startsWith('connect:')))).toBe(false);
    expect(await page.evaluate(() => window.widget.stats().connects)).toBe(0);
  });
});

describe('AbortSignal', () => {
  it('host: a signal aborted before mounting creates no frame; one aborted after connecting destroys the widget', async () => {
    const page = await hostPage();
    const before = await page.evaluate((src) => {
      const controller = new AbortController();
      controller.abort();
      try {
        window.mount({ src, signal: controller.signal });
        return 'mounted';
      } catch (error) {
        return `${(error as { code: string }).code} ${document.querySelectorAll('iframe').length}`;
      }
    }, guestUrl());
    expect(before).toBe('DESTROYED 0');

    const after = await page.evaluate(async (src) => {
      const controller = new AbortController();
      const widget = window.mount({ src, signal: controller.signal });
      await widget.ready;
      controller.abort();
      const call = await window.settle(widget.remote.add({ a: 1, b: 1 }));
      return { call: call.code, frames: document.querySelectorAll('iframe').length };
    }, guestUrl());
    expect(after).toEqual({ call: 'DESTROYED', frames: 0 });
    expect(await page.evaluate(() => window.log)).toEqual([`connect:${origins.guest}`, 'disconnect:DESTROYED']);
  });

  it('guest: an aborted signal rejects at once; aborting after connecting disconnects the host', async () => {
    const page = await hostPage();
    expect(await page.evaluate((src) => window.settle(window.mount({ src }).ready), guestUrl())).toEqual({ value: undefined });
    const guest = frameOf(page, origins.guest);
    expect(await guest.evaluate(() => window.connection)).toEqual({ value: origins.host });
    const aborted = await guest.evaluate(async (host) => {
      const controller = new AbortController();
      controller.abort();
      return window.settle(window.connectToHost({ allowedOrigins: [host], signal: controller.signal }));
    }, origins.host);
    expect(aborted).toMatchObject({ code: 'DESTROYED', message: expect.stringContaining('already aborted') });

    await guest.evaluate(() => window.abort());
    await page.waitForFunction(() => window.log.includes('disconnect:DISCONNECTED'));
    expect(await guest.evaluate(() => window.settle(window.host.remote.greet({ name: 'after abort' })))).toMatchObject({
      code: 'DESTROYED',
    });
    expect(await page.evaluate(() => window.log.filter((entry) => !entry.startsWith('resize:')))).toEqual([
      `connect:${origins.guest}`,
      'disconnect:DISCONNECTED',
    ]);
  });
});
