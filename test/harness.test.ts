import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

const { origins, open } = useChromium();

describe('browser test harness', () => {
  it('serves five sites that are cross-site to each other', () => {
    const hosts = Object.values(origins).map((origin) => new URL(origin).hostname);
    // Distinct host names are distinct sites (no registrable domain is shared between IPs and localhost).
    expect(hosts).toHaveLength(5);
    expect(new Set(hosts).size).toBe(5);
    for (const origin of Object.values(origins)) expect(origin).toMatch(/^http:\/\/[\w.]+:\d+$/);
  });

  it('puts a cross-site page in an iframe: each side sees the exact other origin and neither reads the other DOM', async () => {
    const child = `${origins.guest}/test/pages/harness/child.html?parent=${encodeURIComponent(origins.host)}`;
    const { page } = await open(`${origins.host}/test/pages/harness/parent.html?child=${encodeURIComponent(child)}`);
    const seen = await page.evaluate(() => (window as unknown as { report: Promise<Record<string, unknown>> }).report);
    expect(seen).toEqual({
      originSeenByParent: origins.guest,
      originSeenByChild: origins.host,
      childOwnOrigin: origins.guest,
      parentReadsChildDocument: false,
      parentDomError: 'SecurityError',
      childDomError: 'SecurityError',
    });
  });

  it('keeps the popup blocker on: a window opened without a user gesture is refused', async () => {
    const { page } = await open(`${origins.host}/test/pages/harness/popup.html`);
    expect(await page.evaluate(() => (window as unknown as { openedWithoutGesture: boolean }).openedWithoutGesture)).toBe(false);
  });

  it('keeps third-party storage partitioning on: a cross-site iframe does not hear a first-party BroadcastChannel', async () => {
    const channelPage = `${origins.guest}/test/pages/harness/channel.html`;
    const { page, context } = await open(`${origins.host}/test/pages/harness/popup.html`);
    const firstParty = await context.newPage();
    await firstParty.goto(channelPage);

    // A second first-party page of the same site does hear it: the channel itself works.
    const sibling = await context.newPage();
    await sibling.goto(channelPage);

    const framed = page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          addEventListener('message', (event) => {
            if ((event.data as { listening?: boolean }).listening) resolve();
          });
          const frame = document.querySelector('iframe') as HTMLIFrameElement;
          frame.src = src;
        }),
      `${channelPage}?parent=${encodeURIComponent(origins.host)}`,
    );
    await framed;
    const heardInFrame = page.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const heard: unknown[] = [];
          addEventListener('message', (event) => heard.push((event.data as { heard?: unknown }).heard));
          // Resolves once the sibling proves the message went out; the frame had the same chance.
          (window as unknown as { done: () => void }).done = () => resolve(heard);
        }),
    );
    await firstParty.evaluate(() => new BroadcastChannel('harness').postMessage('first-party secret'));
    await sibling.waitForFunction(() => (window as unknown as { heard: unknown[] }).heard.length > 0);
    // One more round trip through the framing page so the frame's relay, had it heard, is in.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    await page.evaluate(() => (window as unknown as { done: () => void }).done());
    expect(await heardInFrame).toEqual([]);
    expect(await sibling.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual(['first-party secret']);
  });
});
