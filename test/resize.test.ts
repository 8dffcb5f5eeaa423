import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

const { origins, open } = useChromium();

interface Layout {
  content: number;
  viewport: number;
  scrolls: boolean;
}

async function mountGuest(page: string, options: Record<string, unknown> = {}, params = ''): Promise<{ host: Page; guest: Frame }> {
  const { page: host } = await open(`${origins.host}/test/pages/connection/host.html`);
  await host.waitForFunction(() => window.ready === true);
  const src = `${origins.guest}/test/pages/${page}?allowed=${encodeURIComponent(origins.host)}${params}`;
  expect(
    await host.evaluate((given) => window.settle(window.mount(given).ready), { src, contract: undefined, methods: {}, ...options }),
  ).toEqual({ value: undefined });
  const guest = host.frames().find((frame) => frame.url().startsWith(origins.guest));
  if (!guest) throw new Error('no guest frame');
  return { host, guest };
}

const frameHeight = (host: Page): Promise<number> => host.evaluate(() => window.widget.iframe.getBoundingClientRect().height);
const layout = (guest: Frame): Promise<Layout> => guest.evaluate(() => (window as unknown as { layout(): Layout }).layout());

/** Waits until the frame shows all of the guest's content and no scrollbar, and returns that height. */
async function settled(host: Page, guest: Frame): Promise<number> {
  const state = async (): Promise<Layout & { frame: number }> => ({ ...(await layout(guest)), frame: await frameHeight(host) });
  await expect
    .poll(async () => {
      const seen = await state();
      return seen.content === seen.viewport && !seen.scrolls && seen.frame === seen.viewport ? 'settled' : seen;
    })
    .toBe('settled');
  return frameHeight(host);
}

describe('auto-resize', () => {
  it('follows content that grows and shrinks, each way, with no scrollbar', async () => {
    const { host, guest } = await mountGuest('resize/content.html');
    const initial = await settled(host, guest);

    await guest.evaluate(() => {
      const block = document.createElement('div');
      block.id = 'inserted';
      block.style.height = '300px';
      document.body.append(block);
    });
    // 300 px, plus the last paragraph's margin that no longer collapses through the body's.
    const grown = await settled(host, guest);
    expect(grown).toBeGreaterThanOrEqual(initial + 300);

    await guest.evaluate(() => document.querySelector('#inserted')?.remove());
    expect(await settled(host, guest)).toBe(initial);

    await guest.evaluate(() => {
      document.querySelector('img')!.src =
        'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="400"/>');
    });
    const withImage = await settled(host, guest);
    expect(withImage).toBeGreaterThan(initial + 300);

    await guest.evaluate(() => document.querySelector('details')!.setAttribute('open', ''));
    const opened = await settled(host, guest);
    expect(opened).toBeGreaterThan(withImage + 200);
    await guest.evaluate(() => document.querySelector('details')!.removeAttribute('open'));
    expect(await settled(host, guest)).toBe(withImage);

    await guest.evaluate(() => {
      const sheet = document.createElement('link');
      sheet.rel = 'stylesheet';
      sheet.href = 'data:text/css,' + encodeURIComponent('.text { line-height: 120px; font-size: 30px; }');
      document.head.append(sheet);
    });
    expect(await settled(host, guest)).toBeGreaterThan(withImage + 60);

    const events = (await host.evaluate(() => window.log)).filter((entry) => entry.startsWith('resize:'));
    expect(events.at(-1)).toBe(`resize:${await frameHeight(host)}`);
  });

  it('rounds fractional heights up, so no 1 px scrollbar appears', async () => {
    const { host, guest } = await mountGuest('resize/content.html');
    await guest.evaluate(() => {
      const block = document.createElement('div');
      block.style.height = '100.4px';
      document.body.append(block);
    });
    await settled(host, guest);
    expect((await layout(guest)).scrolls).toBe(false);
  });

  it('reports the width too when the guest asks for it', async () => {
    const { host, guest } = await mountGuest('resize/content.html', {}, '&width=1');
    await guest.evaluate(() => {
      document.body.style.width = '333px';
      document.body.style.margin = '0';
    });
    await expect.poll(() => host.evaluate(() => window.widget.iframe.getBoundingClientRect().width)).toBe(333);
  });

  it('keeps a guest sized in vh and % at a stable height instead of growing it forever', async () => {
    const { host } = await mountGuest('resize/viewport.html');
    const resizes = (): Promise<number> => host.evaluate(() => window.log.filter((entry) => entry.startsWith('resize:')).length);
    const pause = (): Promise<unknown> => host.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    // Settled: one loop step is allowed before the guest holds (see guest/resize.ts).
    let count = await resizes();
    for (let quiet = 0; quiet < 3;) {
      await pause();
      const now = await resizes();
      quiet = now === count && now > 0 ? quiet + 1 : 0;
      count = now;
    }
    const first = await frameHeight(host);
    const heights: number[] = [];
    for (let sample = 0; sample < 20; sample += 1) {
      await pause();
      heights.push(await frameHeight(host));
    }
    expect(new Set(heights)).toEqual(new Set([first]));
    expect(await resizes()).toBe(count);
    expect(first).toBeLessThan(200);
  });

  it('keeps a hostile guest within the limits: NaN, negative, infinite and huge sizes', async () => {
    const { host, guest } = await mountGuest('connection/hostile.html', { autoResize: { minHeight: 50, maxHeight: 600 } });
    const send = (height: unknown): Promise<void> =>
      guest.evaluate((value) => window.send({ frameport: 'frameport/1', type: 'resize', height: value }), height);

    await send(1e9);
    await expect.poll(() => frameHeight(host)).toBe(600);
    for (const bad of [Number.NaN, -5, Number.POSITIVE_INFINITY, '300', null]) await send(bad);
    await send(10);
    await expect.poll(() => frameHeight(host)).toBe(50);
    expect(await host.evaluate(() => window.widget.stats().refused.size)).toBe(5);
    await send(250);
    await expect.poll(() => frameHeight(host)).toBe(250);
  });

  it('leaves the iframe alone when the host turns auto-resize off', async () => {
    const { host, guest } = await mountGuest('resize/content.html', { autoResize: false });
    await guest.evaluate(() => {
      const block = document.createElement('div');
      block.style.height = '500px';
      document.body.append(block);
    });
    // The guest's report arrives over the same port as this call's reply, so it came first.
    await guest.evaluate(() => new Promise(requestAnimationFrame));
    expect(await frameHeight(host)).toBe(150);
    expect((await host.evaluate(() => window.log)).some((entry) => entry.startsWith('resize:'))).toBe(false);
  });
});
