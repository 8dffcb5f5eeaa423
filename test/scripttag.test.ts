import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

declare global {
  interface Window {
    violations: string[];
    loaded?: boolean;
    paid: unknown[];
    checked?: string[];
  }
}

const { origins, open } = useChromium();
const pages = '/test/pages/scripttag';
// A strict CSP: scripts from the page's own origin only; no 'unsafe-eval', no inline script.
const strict = "Content-Security-Policy: script-src 'self'";

function url(origin: string, page: string, params: [string, string][]): string {
  return `${origin}${pages}/${page}?${new URLSearchParams(params)}`;
}

/** The host page mounting the script-tag guest, both with the same extra query (`jitless`, a CSP header). */
async function scriptTagPages(extra: [string, string][]): Promise<{ host: Page; guest: Frame }> {
  const guestSrc = url(origins.guest, 'guest.html', [['allowed', origins.host], ...extra]);
  const { page: host } = await open(url(origins.host, 'host.html', [['guest', guestSrc], ...extra]));
  await host.waitForFunction(() => window.loaded === true);
  expect(await host.evaluate(() => window.settle(window.widget.ready))).toEqual({ value: undefined });
  const guest = host.frames().find((frame) => frame.url().startsWith(origins.guest));
  if (!guest) throw new Error('no guest frame');
  expect(await guest.evaluate(() => window.connection)).toEqual({ value: origins.host });
  return { host, guest };
}

/** Calls both ways, valid and invalid: the contract built with Frameport.z checks each side. */
async function callsAreChecked(host: Page, guest: Frame): Promise<void> {
  const setAmount = (input: unknown): Promise<unknown> =>
    host.evaluate(
      (given) => window.settle((window.widget.remote as unknown as { setAmount(i: unknown): Promise<unknown> }).setAmount(given)),
      input,
    );
  expect(await setAmount({ amount: 42, currency: 'EUR' })).toEqual({ value: 'ok' });
  expect(await setAmount({ amount: 42, currency: 'GBP' })).toMatchObject({ code: 'INVALID_INPUT' });
  const paid = (input: unknown): Promise<unknown> =>
    guest.evaluate((given) => window.settle((window.host.remote as unknown as { paid(i: unknown): Promise<unknown> }).paid(given)), input);
  expect(await paid({ orderId: 'A-1', amount: 42 })).toEqual({ value: 'ok' });
  expect(await paid({ orderId: '', amount: 42 })).toMatchObject({ code: 'INVALID_INPUT' });
  expect(await host.evaluate(() => window.paid)).toEqual([{ orderId: 'A-1', amount: 42 }]);
}

describe('script tags: dist/frameport-zod.iife.js', () => {
  it('gives a page without a bundler Frameport.z (zod/mini) to build a contract both sides check, across origins', async () => {
    const { host, guest } = await scriptTagPages([]);
    expect(await host.evaluate(() => typeof (window as unknown as { Frameport: { z: { object: unknown } } }).Frameport.z.object)).toBe(
      'function',
    );
    await callsAreChecked(host, guest);
  });
});

describe('script tags: transfer() across bundles', () => {
  it("Frameport.transfer() (one bundle) moves a buffer through FrameportHost's link (another): detached here, the call answered", async () => {
    const { host } = await scriptTagPages([]);
    const outcome = await host.evaluate(async () => {
      const { Frameport } = window as unknown as { Frameport: { transfer<T>(value: T, transferables: Transferable[]): T } };
      const remote = window.widget.remote as unknown as { setAmount(input: unknown): Promise<unknown> };
      const buffer = new ArrayBuffer(8);
      const result = await window.settle(remote.setAmount(Frameport.transfer({ amount: 1, currency: 'EUR', buffer }, [buffer])));
      // Copied instead of moved, it would still hold its 8 bytes.
      return { result, byteLength: buffer.byteLength };
    });
    expect(outcome).toEqual({ result: { value: 'ok' }, byteLength: 0 });
  });
});

describe('a strict CSP (no unsafe-eval) and zod', () => {
  it('zod/mini (the script-tag build) compiles nothing: no violation on either side with no config, and every call is checked', async () => {
    const { host, guest } = await scriptTagPages([['header', strict]]);
    // Both documents were served under the policy.
    const policy = (): Promise<string | null> => fetch(location.href).then((response) => response.headers.get('content-security-policy'));
    expect(await host.evaluate(policy)).toBe("script-src 'self'");
    expect(await guest.evaluate(policy)).toBe("script-src 'self'");
    await callsAreChecked(host, guest);
    expect(await host.evaluate(() => window.violations)).toEqual([]);
    expect(await guest.evaluate(() => window.violations)).toEqual([]);
  });

  it('zod classic, as a bundled app imports it: jitless keeps the page free of violations, and validation works', async () => {
    const csp = `Content-Security-Policy: script-src 'self' 'nonce-frameport-test'`;
    const { page } = await open(
      url(origins.host, 'classic.html', [
        ['jitless', ''],
        ['header', csp],
      ]),
    );
    await page.waitForFunction(() => window.checked !== undefined);
    expect(await page.evaluate(() => window.checked)).toEqual(['taken', 'refused']);
    expect(await page.evaluate(() => window.violations)).toEqual([]);

    const probed = await open(url(origins.host, 'classic.html', [['header', csp]]));
    await probed.page.waitForFunction(() => window.checked !== undefined);
    await expect.poll(() => probed.page.evaluate(() => window.violations)).toEqual(['script-src eval']);
  });
});
