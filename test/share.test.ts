import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

import './pages/share/hooks.d.ts';

/**
 * frameport/share in Chromium. Headless Chromium has no share sheet (`navigator.share` is
 * undefined), so each case stubs it; the clicks are real (`page.mouse`), because the user
 * activation they give is what share() and the host check.
 */
const { origins, open } = useChromium();

async function shop(): Promise<Page> {
  const { page } = await open(`${origins.host}/test/pages/share/host.html?guest=${encodeURIComponent(origins.guest)}`);
  await page.waitForFunction(() => window.sharing !== undefined);
  return page;
}

/** Clicks the page's own Share button and waits for the outcome. */
async function clickShare(page: Page): Promise<unknown> {
  const box = (await page.locator('#share').boundingBox())!;
  await page.mouse.click(box.x + 10, box.y + 10);
  await page.waitForFunction(() => window.sharing.outcomes.length > 0);
  return page.evaluate(() => window.sharing.outcomes[0]);
}

/** A shop with one widget mounted with `mode`, and the widget's frame once it is connected. */
async function shopWithWidget(mode: 'allow' | 'delegate' | false | undefined): Promise<{ page: Page; frame: Frame }> {
  const page = await shop();
  await page.evaluate(async (share) => {
    window.sharing.stub('shared');
    await window.sharing.mount(share);
  }, mode);
  const frame = page.frames().find((candidate) => candidate.url().startsWith(origins.guest))!;
  await frame.waitForFunction(() => (window as { connected?: boolean }).connected === true);
  return { page, frame };
}

/** A real click inside the cross-origin widget: it activates the widget and the host page. */
async function clickWidget(page: Page, frame: Frame, answers: number): Promise<unknown[]> {
  const box = (await page.locator('iframe').boundingBox())!;
  await page.mouse.click(box.x + 50, box.y + 50);
  await frame.waitForFunction((count) => window.shareWidget.outcomes.length >= count, answers);
  return frame.evaluate(() => window.shareWidget.outcomes.splice(0));
}

describe('share() on the page', () => {
  it.each([
    ['shared', {}, { outcome: 'shared' }],
    ['AbortError', {}, { outcome: 'cancelled' }],
    ['NotAllowedError', {}, { outcome: 'refused', reason: 'not-allowed', message: 'the stub says no' }],
    ['missing', { copy: false }, { outcome: 'unsupported' }],
  ] as const)('navigator.share %s gives its outcome, and nothing rejects unhandled', async (behaviour, options, expected) => {
    const page = await shop();
    await page.evaluate(
      ([stub, given]) => {
        window.sharing.stub(stub);
        window.sharing.options = given;
      },
      [behaviour, options] as const,
    );
    expect(await clickShare(page)).toEqual(expected);
    const after = await page.evaluate(() => ({ calls: window.sharing.calls, unhandled: window.sharing.unhandled }));
    // The relative URL went to the sheet resolved against the page.
    expect(after.calls).toEqual(behaviour === 'missing' ? [] : [{ title: 'Blue mug', url: `${origins.host}/products/blue-mug` }]);
    expect(after.unhandled).toBe(0);
  });

  it('without Web Share, the link goes to the clipboard: copied', async () => {
    const page = await shop();
    await page.evaluate(() => {
      window.sharing.stub('missing');
      window.sharing.stubClipboard();
    });
    expect(await clickShare(page)).toEqual({ outcome: 'copied' });
    expect(await page.evaluate(() => window.sharing.copied)).toEqual([`${origins.host}/products/blue-mug`]);
  });

  it('called with no user activation, it says so instead of failing obscurely', async () => {
    const page = await shop();
    // share() ran at load, before any click (page.evaluate would lend a gesture: it only reads).
    expect(await page.evaluate(() => window.sharing.withoutClick)).toEqual({
      outcome: 'refused',
      reason: 'no-activation',
      message: expect.stringContaining('click handler'),
    });
  });

  it('the browser checks what the page shares: navigator.canShare sees the resolved data, and its no is refused before the sheet', async () => {
    const page = await shop();
    const checked = await page.evaluate(() => {
      window.sharing.stub('shared');
      const seen: unknown[] = [];
      // A browser that refuses a javascript: URL and HTML files, as Chromium does, and takes the rest.
      navigator.canShare = (data?: ShareData) => {
        seen.push({ ...data, files: data?.files?.map((file) => file.type) });
        return !data?.url?.startsWith('javascript:') && !data?.files?.some((file) => file.type === 'text/html');
      };
      const file = (type: string): File => new File(['x'], 'f', { type });
      const { canShare } = window.sharing;
      const answers = {
        png: canShare({ files: [file('image/png')] }),
        html: canShare({ files: [file('text/html')] }),
        script: canShare({ url: 'javascript:alert(1)' }),
        // No URL at all: refused before the browser is asked.
        notAUrl: canShare({ url: 'https://' }),
        relative: canShare({ title: 'x', url: '/products/blue-mug' }),
      };
      return { answers, seen };
    });
    expect(checked.answers).toEqual({ png: true, html: false, script: false, notAUrl: false, relative: true });
    expect(checked.seen).toEqual([
      { files: ['image/png'] },
      { files: ['text/html'] },
      { url: 'javascript:alert(1)' },
      { title: 'x', url: `${origins.host}/products/blue-mug` },
    ]);
    await page.evaluate(() => {
      window.sharing.data = { url: 'javascript:alert(1)' };
    });
    expect(await clickShare(page)).toEqual({ outcome: 'refused', reason: 'invalid-data', message: 'navigator.canShare says no' });
    expect(await page.evaluate(() => window.sharing.calls)).toEqual([]);
  });

  it('a URL that is none is refused invalid-data, and nothing is copied', async () => {
    const page = await shop();
    await page.evaluate(() => {
      window.sharing.stub('missing');
      window.sharing.stubClipboard();
      window.sharing.data = { title: 'x', url: 'https://' };
    });
    expect(await clickShare(page)).toEqual({ outcome: 'refused', reason: 'invalid-data', message: expect.stringContaining('URL') });
    expect(await page.evaluate(() => window.sharing.copied)).toEqual([]);
  });

  it('canShare asks the browser about the actual files', async () => {
    const page = await shop();
    const answer = await page.evaluate(() => {
      window.sharing.stub('shared');
      // A browser that shares links but no files.
      navigator.canShare = (data?: ShareData) => !data?.files;
      const photo = new File(['x'], 'p.png', { type: 'image/png' });
      return { link: window.sharing.canShare({ url: 'https://shop.example/' }), photo: window.sharing.canShare({ files: [photo] }) };
    });
    expect(answer).toEqual({ link: true, photo: false });
  });
});

describe('share() in a widget', () => {
  it("share: 'allow' grants web-share to the widget's origin only; the default grants nothing", async () => {
    const page = await shop();
    const allow = await page.evaluate(async () => {
      await window.sharing.mount('allow');
      const allowed = window.sharing.widget.iframe.getAttribute('allow');
      window.sharing.widget.destroy();
      await window.sharing.mount(undefined);
      return { allowed, byDefault: window.sharing.widget.iframe.getAttribute('allow') };
    });
    expect(allow).toEqual({ allowed: `web-share ${origins.guest}`, byDefault: null });
  });

  it('a widget whose host did not allow sharing gets refused, and the host shares nothing', async () => {
    const { page, frame } = await shopWithWidget(false);
    expect(await clickWidget(page, frame, 1)).toEqual([{ outcome: 'refused', reason: 'not-allowed', message: 'not delegated' }]);
    expect(await page.evaluate(() => ({ calls: window.sharing.calls, refused: window.sharing.refused().input }))).toEqual({
      calls: [],
      refused: 1,
    });
  });

  it("share: 'delegate': a click in the widget, and the host shares the widget's data for it", async () => {
    const { page, frame } = await shopWithWidget('delegate');
    expect(await clickWidget(page, frame, 1)).toEqual([{ outcome: 'shared' }]);
    // The widget's relative URL, resolved against the widget, not the shop.
    expect(await page.evaluate(() => window.sharing.calls)).toEqual([
      { title: 'Red scarf', text: 'Look at this', url: `${origins.guest}/products/red-scarf` },
    ]);
    expect(await frame.evaluate(() => window.shareWidget.unhandled)).toBe(0);
  });

  it("a widget's share() leaves the data checks to the host: 11 files are refused there, counted, and not shared", async () => {
    const { page, frame } = await shopWithWidget('delegate');
    await frame.evaluate(() => {
      window.shareWidget.data = { title: 'Red scarf', files: window.shareWidget.files(11) };
    });
    expect(await clickWidget(page, frame, 1)).toEqual([
      { outcome: 'refused', reason: 'invalid-data', message: 'files: not within shareLimits' },
    ]);
    expect(await page.evaluate(() => ({ calls: window.sharing.calls, refused: window.sharing.refused().input }))).toEqual({
      calls: [],
      refused: 1,
    });
  });

  it('data that cannot be sent to the host (a function in it) is refused invalid-data in the widget, and nothing is sent', async () => {
    const { page, frame } = await shopWithWidget('delegate');
    await frame.evaluate(() => {
      window.shareWidget.data = { title: 'Red scarf', onclick: () => undefined };
    });
    expect(await clickWidget(page, frame, 1)).toEqual([{ outcome: 'refused', reason: 'invalid-data', message: expect.any(String) }]);
    expect(await page.evaluate(() => ({ calls: window.sharing.calls, refused: window.sharing.refused().input }))).toEqual({
      calls: [],
      refused: 0,
    });
    expect(await frame.evaluate(() => window.shareWidget.unhandled)).toBe(0);
  });

  it('the host shares once per click: a second share() in the same activation is refused', async () => {
    const { page, frame } = await shopWithWidget('delegate');
    await frame.evaluate(() => {
      window.shareWidget.times = 2;
    });
    const outcomes = await clickWidget(page, frame, 2);
    expect(outcomes).toEqual(
      expect.arrayContaining([{ outcome: 'shared' }, { outcome: 'refused', reason: 'no-activation', message: 'one share per click' }]),
    );
    expect(await page.evaluate(() => window.sharing.calls.length)).toBe(1);
  });

  it("the host's rejection travels back as the widget's outcome (the user cancelled on the host's sheet)", async () => {
    const { page, frame } = await shopWithWidget('delegate');
    await page.evaluate(() => window.sharing.stub('AbortError'));
    expect(await clickWidget(page, frame, 1)).toEqual([{ outcome: 'cancelled' }]);
  });
});

describe('share() in a widget: whose user activation', () => {
  /** The shop mounts the widget itself, from its own script: no page.evaluate lends it a gesture. */
  async function mountedByPage(widgetQuery: string): Promise<{ page: Page; frame: Frame }> {
    const query = new URLSearchParams({ guest: origins.guest, mount: 'delegate', widget: widgetQuery });
    const { page } = await open(`${origins.host}/test/pages/share/host.html?${query}`);
    await expect.poll(() => page.frames().some((candidate) => candidate.url().startsWith(origins.guest))).toBe(true);
    return { page, frame: page.frames().find((candidate) => candidate.url().startsWith(origins.guest))! };
  }

  /** The host page's activation, read without lending it one (CDP, userGesture false). */
  async function hostActive(page: Page): Promise<boolean> {
    const cdp = await page.context().newCDPSession(page);
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'navigator.userActivation.isActive', userGesture: false });
    await cdp.detach();
    return result.value as boolean;
  }

  it('a request from a widget nobody clicked is refused by the host (its own activation check)', async () => {
    const { page, frame } = await mountedByPage('');
    await frame.waitForFunction(() => (window as { connected?: boolean }).connected === true);
    // Playwright's own evaluations lend a gesture (to the page and its frames): none may be left
    // on the host, and the widget's request is sent without one.
    await expect.poll(() => hostActive(page), { timeout: 15_000 }).toBe(false);
    const cdp = await page.context().newCDPSession(frame);
    await cdp.send('Runtime.evaluate', { expression: 'window.shareWidget.forgeUnasked()', userGesture: false });
    await cdp.detach();
    expect(await hostActive(page)).toBe(false);
    await frame.waitForFunction(() => window.shareWidget?.outcomes.length === 1);
    expect(await frame.evaluate(() => window.shareWidget.outcomes)).toEqual([
      { outcome: 'refused', reason: 'no-activation', message: 'one share per click' },
    ]);
    expect(await page.evaluate(() => window.sharing.calls)).toEqual([]);
  });

  it('a real click inside the cross-origin widget is what activates the host, and it shares', async () => {
    const { page, frame } = await mountedByPage('');
    await frame.waitForFunction(() => (window as { connected?: boolean }).connected === true);
    // Playwright's own evaluations lend a gesture; wait until none is left on the host.
    await expect.poll(() => hostActive(page), { timeout: 15_000 }).toBe(false);
    const box = (await page.locator('iframe').boundingBox())!;
    await page.mouse.click(box.x + 50, box.y + 50);
    expect(await hostActive(page)).toBe(true);
    await frame.waitForFunction(() => window.shareWidget.outcomes.length === 1);
    expect(await frame.evaluate(() => window.shareWidget.outcomes)).toEqual([{ outcome: 'shared' }]);
  });
});

describe('share() in a widget, attacked', () => {
  it('forged requests that skip share() meet the same checks on the host: a javascript: URL, 11 files, an HTML file', async () => {
    const { page, frame } = await shopWithWidget('delegate');
    const forgeries = [
      "{ url: 'javascript:alert(document.cookie)' }",
      '{ title: "x", files: window.shareWidget.files(11) }',
      '{ title: "x", files: window.shareWidget.files(1, "text/html") }',
      '{ title: "x".repeat(301) }',
      '{ title: "x", onclick: "steal()" }',
      '"just a string"',
    ];
    for (const data of forgeries) {
      await frame.evaluate((source) => {
        window.shareWidget.forged = { data: (0, eval)(`(${source})`) as Record<string, unknown>, count: 1 };
      }, data);
      const [answer] = await clickWidget(page, frame, 1);
      expect(answer, data).toEqual({ outcome: 'refused', reason: 'invalid-data', message: expect.any(String) });
    }
    expect(await page.evaluate(() => ({ calls: window.sharing.calls, refused: window.sharing.refused().input }))).toEqual({
      calls: [],
      refused: forgeries.length,
    });
  });

  it('a request without a reply port is refused unshared, and does not spend the click', async () => {
    const { page, frame } = await shopWithWidget('delegate');
    await frame.evaluate(() => {
      window.shareWidget.forged = { data: { url: 'https://spam.example/' }, count: 1, noPort: true };
    });
    const box = (await page.locator('iframe').boundingBox())!;
    await page.mouse.click(box.x + 50, box.y + 50);
    await expect.poll(() => page.evaluate(() => window.sharing.refused().input)).toBe(1);
    expect(await page.evaluate(() => window.sharing.calls)).toEqual([]);
    await frame.evaluate(() => {
      window.shareWidget.forged = undefined;
    });
    expect(await clickWidget(page, frame, 1)).toEqual([{ outcome: 'shared' }]);
  });

  it('a widget flooding share requests gets one share, refusals and the rate limit, and its link stays up', async () => {
    const { page, frame } = await shopWithWidget('delegate');
    await frame.evaluate(() => {
      window.shareWidget.forged = { data: { title: 'spam', url: 'https://spam.example/' }, count: 300 };
    });
    const box = (await page.locator('iframe').boundingBox())!;
    await page.mouse.click(box.x + 50, box.y + 50);
    await expect.poll(() => page.evaluate(() => window.sharing.refused().rate)).toBeGreaterThan(0);
    await frame.waitForFunction(() => window.shareWidget.outcomes.some((answer) => answer.outcome === 'shared'));
    const answers = await frame.evaluate(() => window.shareWidget.outcomes.map((answer) => answer.reason ?? answer.outcome));
    expect(answers.filter((answer) => answer === 'shared')).toHaveLength(1);
    expect(new Set(answers)).toEqual(new Set(['shared', 'no-activation']));
    // The rate limit answered the rest: fewer answers than requests.
    expect(answers.length).toBeLessThan(300);
    const after = await page.evaluate(() => ({ calls: window.sharing.calls.length, stats: window.sharing.widget.stats() }));
    expect(after.calls).toBe(1);
    expect(after.stats.connects).toBe(1);
  });
});
