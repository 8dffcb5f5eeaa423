import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FrameportWidgetElement } from '../element/frameportWidget.ts';
import { useChromium } from './harness/browser.ts';

declare global {
  interface Window {
    create(options: { src: string; origin?: string }): FrameportWidgetElement;
    element: FrameportWidgetElement;
    resized?: boolean;
  }
}

const { origins, open } = useChromium();
const guestUrl = (): string => `${origins.guest}/test/pages/connection/guest.html?${new URLSearchParams({ allowed: origins.host })}`;

async function hostPage(): Promise<Page> {
  const { page } = await open(`${origins.host}/test/pages/element/host.html`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

const guestFrames = (page: Page): number => page.frames().filter((frame) => frame.url().startsWith(origins.guest)).length;
const add = (page: Page): Promise<unknown> => page.evaluate(() => window.settle(window.element.remote!.add!({ a: 20, b: 22 })));
const whoami = (page: Page): Promise<unknown> => page.evaluate(() => window.settle(window.element.remote!.whoami!()));

describe('<frameport-widget>', () => {
  it('connects from its attributes, fires its events, and calls both ways through remote', async () => {
    const page = await hostPage();
    await page.evaluate((src) => void window.create({ src }), guestUrl());
    await page.waitForFunction(() => window.log.includes('ready') && window.resized === true);
    expect(await page.evaluate(() => window.log)).toEqual([`connect:${origins.guest}`, 'ready']);
    expect(await add(page)).toEqual({ value: 42 });
    expect(await page.evaluate(() => window.element.querySelector('iframe')?.title)).toBe('test widget');
  });

  it('reports a refused ready from an origin it was not given', async () => {
    const page = await hostPage();
    await page.evaluate(({ src, origin }) => void window.create({ src, origin }), { src: guestUrl(), origin: origins.evil });
    await page.waitForFunction(() => window.log.includes('refused:origin'));
    expect(await page.evaluate(() => window.log.some((entry) => entry.startsWith('connect')))).toBe(false);
  });

  it('removed, it destroys the widget: the frame goes and calls reject with DESTROYED', async () => {
    const page = await hostPage();
    await page.evaluate((src) => void window.create({ src }), guestUrl());
    await page.waitForFunction(() => window.log.includes('ready'));
    const outcome = await page.evaluate(async () => {
      const { remote } = window.element;
      window.element.remove();
      await Promise.resolve();
      return { call: await window.settle(remote!.add!({ a: 1, b: 1 })), frames: document.querySelectorAll('iframe').length };
    });
    expect(outcome).toMatchObject({ call: { code: 'DESTROYED' }, frames: 0 });
    expect(await page.evaluate(() => window.log)).toEqual([`connect:${origins.guest}`, 'ready', 'disconnect:DESTROYED']);
    expect(guestFrames(page)).toBe(0);
  });

  it('moved by remove and re-append in one task, it keeps its widget, whose reloaded frame reconnects', async () => {
    const page = await hostPage();
    await page.evaluate((src) => void window.create({ src }), guestUrl());
    await page.waitForFunction(() => window.log.includes('ready'));
    expect(await whoami(page)).toEqual({ value: { origin: origins.guest, loads: 1 } });
    await page.evaluate(() => {
      (window as unknown as { before: unknown }).before = window.element.widget;
      window.element.remove();
      document.querySelector('#b')!.append(window.element);
    });
    await page.waitForFunction(() => window.log.filter((entry) => entry.startsWith('connect')).length === 2);
    expect(await page.evaluate(() => window.log)).toEqual([
      `connect:${origins.guest}`,
      'ready',
      'disconnect:DISCONNECTED',
      `connect:${origins.guest}`,
    ]);
    expect(await page.evaluate(() => (window as unknown as { before: unknown }).before === window.element.widget)).toBe(true);
    // The frame reloaded: a new guest document answers.
    expect(await whoami(page)).toEqual({ value: { origin: origins.guest, loads: 2 } });
    expect(guestFrames(page)).toBe(1);
  });

  it('moved with moveBefore, it keeps its frame and its connection', async () => {
    const page = await hostPage();
    await page.evaluate((src) => void window.create({ src }), guestUrl());
    await page.waitForFunction(() => window.log.includes('ready'));
    await page.evaluate(() => {
      const target = document.querySelector('#b') as HTMLElement & { moveBefore(node: Node, child: Node | null): void };
      target.moveBefore(window.element, null);
    });
    expect(await whoami(page)).toEqual({ value: { origin: origins.guest, loads: 1 } });
    expect(await page.evaluate(() => window.element.parentElement?.id)).toBe('b');
    expect(await page.evaluate(() => window.log)).toEqual([`connect:${origins.guest}`, 'ready']);
  });

  it('is defined once even when the script-tag build loads next to the module', async () => {
    const page = await hostPage();
    await page.evaluate((src) => void window.create({ src }), guestUrl());
    // Without the guard, the second define throws: the harness fails the test on the page error.
    await page.addScriptTag({ url: '/dist/element.iife.js' });
    expect(await page.evaluate(() => typeof (window as unknown as { FrameportElement?: object }).FrameportElement)).toBe('object');
    expect(await page.evaluate(() => customElements.get('frameport-widget') === window.element.constructor)).toBe(true);
  });
});
