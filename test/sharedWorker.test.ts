import type { BrowserContext, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

import './pages/sharedWorker/hooks.d.ts';

/**
 * The SharedWorker hub in Chromium: tabs of one browser profile joining, calling, closing and
 * misbehaving. Every test runs twice: on a real SharedWorker, and with `SharedWorker` hidden
 * (an init script deletes it before any page script runs), where one leader tab runs the hub
 * as a dedicated worker and relays the others over a BroadcastChannel.
 */
const { origins, open } = useChromium();
const pages = '/test/pages/sharedWorker';

/** Any page of another site, to navigate a tab away (and into the back/forward cache). */
const elsewhere = `${origins.guest}${pages}/contract.js`;
// The test server sends `no-store`, and Chromium keeps no such page that fetched from script
// (the leader fetched its worker) in the back/forward cache; a site's pages usually allow it.
const cacheable = { header: 'cache-control:no-cache' };

type Params = Record<string, string>;
const tabUrl = (params: Params = {}): string => `${origins.host}${pages}/page.html?${new URLSearchParams(params)}`;

/** Waits for `check` to hold, looking again every few milliseconds; the test's timeout bounds it. */
async function eventually<T>(check: () => Promise<T>): Promise<NonNullable<T>> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function newTab(context: BrowserContext, params: Params): Promise<Page> {
  const page = await context.newPage();
  await page.goto(tabUrl(params));
  await page.waitForFunction(() => window.hub?.ready === true);
  return page;
}

/** Calls the hub from `tab`; the outcome as `{ value }` or `{ code, message }`. */
const call = (tab: Page | Frame, method: string, input?: unknown): Promise<{ value?: unknown; code?: string }> =>
  tab.evaluate(([name, value]) => window.hub.settle(window.hub.link.remote[name as string]!(value)), [method, input] as const);
const value = async (tab: Page | Frame, method: string, input?: unknown): Promise<unknown> => {
  const outcome = await call(tab, method, input);
  if (outcome.code) throw new Error(`${method}(): ${outcome.code}`);
  return outcome.value;
};
const idOf = (tab: Page | Frame): Promise<string> => tab.evaluate(() => window.hub.link.id);
const sorted = (ids: string[]): string[] => [...ids].sort();
const peers = async (tab: Page | Frame): Promise<string[]> => sorted((await value(tab, 'peers')) as string[]);

/**
 * The Page Lifecycle event a browser fires on a tab's document before it freezes it, or as it
 * resumes it. Dispatched by the test: headless Chromium fires neither for
 * `Page.setWebLifecycleState` (tried), and a page in the back/forward cache is the real
 * freeze the tests drive.
 */
const lifecycle = (tab: Page, type: 'freeze' | 'resume'): Promise<boolean> =>
  tab.evaluate((name) => document.dispatchEvent(new Event(name)), type);

/** Opens tabs of the hub, with `SharedWorker` hidden in every page of the context if `fallback`. */
function hubTabs(fallback: boolean) {
  /** The first tab, in a fresh browser context; in the fallback, it leads (it is first to ask). */
  async function firstTab(params: Params = {}, expectNoErrors = true): Promise<{ tab: Page; context: BrowserContext }> {
    const { page, context } = await open('about:blank', { expectNoErrors });
    if (fallback) {
      await context.addInitScript(() => {
        delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
      });
    }
    await page.goto(tabUrl(params));
    await page.waitForFunction(() => window.hub?.ready === true);
    return { tab: page, context };
  }

  async function tabs(count: number, params: Params = {}): Promise<{ tabs: Page[]; context: BrowserContext }> {
    const { tab, context } = await firstTab({ ...params, label: 'tab-0' });
    const opened = [tab];
    while (opened.length < count) opened.push(await newTab(context, { ...params, label: `tab-${opened.length}` }));
    return { tabs: opened, context };
  }
  return { firstTab, tabs };
}

describe.each([
  { hub: 'a SharedWorker', fallback: false },
  { hub: "a leader tab's dedicated worker (SharedWorker hidden)", fallback: true },
])('the hub on $hub', ({ fallback }) => {
  const { firstTab, tabs } = hubTabs(fallback);

  it('serves every tab with its own link, and knows which tab called', async () => {
    const { tabs: all } = await tabs(3);
    const ids = await Promise.all(all.map(idOf));
    expect(new Set(ids).size).toBe(3);
    for (const [index, tab] of all.entries()) {
      expect(await value(tab, 'whoami')).toBe(ids[index]);
      expect(await value(tab, 'echo', `from ${index}`)).toBe(`echo: from ${index}`);
      expect(await tab.evaluate(() => window.hub.sharedWorker)).toBe(fallback ? 'undefined' : 'function');
    }
    expect(await value(all[0]!, 'kind')).toBe(fallback ? 'dedicated' : 'shared');
    expect(await peers(all[1]!)).toEqual(sorted(ids));
    // The hub calls every tab back.
    expect(await value(all[2]!, 'labels')).toEqual(['tab-0', 'tab-1', 'tab-2']);
    // Input the contract refuses is refused by the hub's guard, per tab.
    expect(await call(all[0]!, 'echo', 42)).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a call made before the hub serves waits for it', async () => {
    const { tab } = await firstTab({ mode: 'slow', early: '1', label: 'early' });
    expect(await tab.evaluate(() => window.hub.early)).toEqual({ value: 'echo: early' });
  });

  it('a hub whose script fails to load fails calls WORKER_CRASHED, not never', async () => {
    const { page, context } = await open('about:blank', { expectNoErrors: false });
    if (fallback) {
      await context.addInitScript(() => {
        delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
      });
    }
    await page.goto(tabUrl({ missing: '1', early: '1' }));
    await page.waitForFunction(() => window.hub?.early !== undefined);
    expect(await page.evaluate(() => window.hub.early)).toMatchObject({ code: 'WORKER_CRASHED' });
  });

  it('three tabs, one closed: the hub drops it, its call from the hub settles, onDisconnect fires once, the others keep working', async () => {
    const { tabs: all } = await tabs(3);
    const [first, second, third] = all as [Page, Page, Page];
    const ids = await Promise.all(all.map(idOf));
    const closing = ids[2]!;
    // The hub calls the third tab, which never answers: in flight when the tab closes.
    const stalled = call(first, 'stallPeer', closing);
    await eventually(() => third.evaluate(() => window.hub.stalls === 1));
    await third.close();
    // No `close` event exists: the hub hears it from the tab's Web Lock, released with the tab.
    await eventually(async () => !(await peers(first)).includes(closing));
    expect(await stalled).toEqual({ value: 'DISCONNECTED' });
    expect(await peers(second)).toEqual(sorted(ids.slice(0, 2)));
    expect(await value(second, 'labels')).toEqual(['tab-0', 'tab-1']);
    expect(await value(first, 'echo', 'still here')).toBe('echo: still here');
    const log = (await value(first, 'log')) as { connected: string[]; disconnected: string[] };
    expect(sorted(log.connected)).toEqual(sorted(ids));
    expect(log.disconnected).toEqual([closing]);
  });

  it('a tab whose renderer crashes is dropped too, and the others keep working', async () => {
    const { tabs: all, context } = await tabs(3);
    const [first, second, third] = all as [Page, Page, Page];
    const ids = await Promise.all(all.map(idOf));
    const cdp = await context.newCDPSession(third);
    const crashed = new Promise((resolve) => third.once('crash', resolve));
    // Page.crash does not answer: the renderer it would answer from is gone.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await eventually(async () => !(await peers(first)).includes(ids[2]!));
    expect(await peers(second)).toEqual(sorted(ids.slice(0, 2)));
    expect(await value(second, 'labels')).toEqual(['tab-0', 'tab-1']);
    expect(((await value(first, 'log')) as { disconnected: string[] }).disconnected).toEqual([ids[2]]);
  });

  it('a hub that stops without a word is noticed from its own Web Lock: calls in flight settle', async () => {
    const { tabs: all } = await tabs(2);
    const [first, second] = all as [Page, Page];
    const hanging = call(first, 'hang');
    await value(first, 'echo', 'after hang');
    expect(await value(second, 'stopHub')).toBe('stopping');
    if (!fallback) {
      expect(await hanging).toMatchObject({ code: 'WORKER_CRASHED' });
      for (const tab of all) expect(await call(tab, 'echo', 'x')).toMatchObject({ code: 'WORKER_CRASHED' });
      return;
    }
    // The leader tab stays: it starts a fresh worker, and every link reconnects to it, as when the leader changes.
    expect(await hanging).toMatchObject({ code: 'DISCONNECTED' });
    const ids = sorted(await Promise.all(all.map(idOf)));
    await eventually(async () => {
      const outcome = await call(second, 'peers');
      return Array.isArray(outcome.value) && sorted(outcome.value as string[]).join() === ids.join();
    });
    for (const tab of all) expect(await value(tab, 'echo', 'again')).toBe('echo: again');
    expect(sorted(((await value(first, 'log')) as { connected: string[] }).connected)).toEqual(ids);
  });

  it('a tab put in the back/forward cache leaves the hub, and joins it again when shown', async () => {
    const { tabs: all } = await tabs(2, cacheable);
    const [first, second] = all as [Page, Page];
    const ids = await Promise.all(all.map(idOf));
    await second.goto(elsewhere);
    await eventually(async () => (await peers(first)).join() === ids[0]);
    await second.goBack({ waitUntil: 'commit' });
    // Restored from the cache (no load event, the same window), not loaded again.
    await eventually(() => second.evaluate(() => window.hub?.restored === 1));
    expect(await idOf(second)).toBe(ids[1]);
    await eventually(async () => (await peers(first)).join() === sorted(ids).join());
    expect(await value(second, 'echo', 'back')).toBe('echo: back');
    expect(await second.evaluate(() => window.hub.link.stats().connects)).toBe(2);
  });

  it('a tab told it is being frozen leaves the hub, and joins it again when it resumes', async () => {
    const { tabs: all } = await tabs(2);
    const [first, second] = all as [Page, Page];
    const ids = await Promise.all(all.map(idOf));
    await lifecycle(second, 'freeze');
    await eventually(async () => (await peers(first)).join() === ids[0]);
    await lifecycle(second, 'resume');
    await eventually(async () => (await peers(first)).join() === sorted(ids).join());
    expect(await value(second, 'echo', 'back')).toBe('echo: back');
    expect(await second.evaluate(() => window.hub.link.stats().connects)).toBe(2);
  });

  it('a tab that destroys its link is dropped at once and its later calls fail DESTROYED', async () => {
    const { tabs: all } = await tabs(2);
    const [first, second] = all as [Page, Page];
    const leaving = await idOf(second);
    await second.evaluate(() => window.hub.link.destroy());
    await eventually(async () => !(await peers(first)).includes(leaving));
    expect(await call(second, 'echo', 'x')).toMatchObject({ code: 'DESTROYED' });
    expect((await value(first, 'log')) as { disconnected: string[] }).toMatchObject({ disconnected: [leaving] });
  });

  it('50 tabs opened and closed leave no ghost peers', async () => {
    const { tab: keeper, context } = await firstTab({ label: 'keeper' });
    const keeperId = await idOf(keeper);
    const closed: string[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      const opened = await Promise.all(Array.from({ length: 10 }, (_, n) => newTab(context, { label: `t${batch}-${n}` })));
      closed.push(...(await Promise.all(opened.map(idOf))));
      await Promise.all(opened.map((tab) => tab.close()));
    }
    await eventually(async () => (await peers(keeper)).length === 1);
    expect(await peers(keeper)).toEqual([keeperId]);
    const log = (await value(keeper, 'log')) as { connected: string[]; disconnected: string[] };
    expect(sorted(log.connected)).toEqual(sorted([keeperId, ...closed]));
    // Each closed tab once, and nothing else.
    expect(sorted(log.disconnected)).toEqual(sorted(closed));
    expect(await value(keeper, 'labels')).toEqual(['keeper']);
  });

  it('inside cross-site frames, tabs share a hub per top-level site (storage partitioning), not with the first-party tab', async () => {
    const { tab: firstParty, context } = await firstTab({ label: 'first-party' });
    const embedded = async (label: string): Promise<Frame> => {
      const page = await context.newPage();
      await page.goto(`${origins.evil}${pages}/frame.html?src=${encodeURIComponent(tabUrl({ label }))}`);
      const frame = await eventually(async () => page.frames().find((each) => each.url().startsWith(origins.host)));
      await frame.waitForFunction(() => window.hub?.ready === true);
      return frame;
    };
    const [one, two] = [await embedded('embedded-1'), await embedded('embedded-2')];
    expect(await peers(one)).toEqual(sorted([await idOf(one), await idOf(two)]));
    expect(await value(two, 'labels')).toEqual(['embedded-1', 'embedded-2']);
    expect(await peers(firstParty)).toEqual([await idOf(firstParty)]);
    expect(await value(firstParty, 'labels')).toEqual(['first-party']);
  });

  it('a hostile tab of the same origin is refused and counted, its flood cut off, while the other tabs keep working', async () => {
    const { tabs: all, context } = await tabs(2);
    const [first, second] = all as [Page, Page];
    const ids = sorted(await Promise.all(all.map(idOf)));
    const hostile = await context.newPage();
    await hostile.goto(`${origins.host}${pages}/hostile.html?mode=${fallback ? 'fallback' : 'shared'}&victim=${ids[0]}`);
    await eventually(() => hostile.evaluate(() => window.hubHostile.joined && window.hubHostile.flooded > 0));
    // The hub's guard on the hostile tab's own link refuses each message and trips the flood breaker.
    const stats = await eventually(async () => {
      const { refused } = (await value(first, 'hubStats')) as { refused: Record<string, number> };
      return refused.rate! > 0 ? refused : undefined;
    });
    expect(stats.shape).toBeGreaterThan(fallback ? 0 : 10);
    if (!fallback) {
      // It claimed a real tab's id (listed by navigator.locks.query()): refused, the tab kept.
      const { victim, listed } = await hostile.evaluate(() => window.hubHostile);
      expect(listed).toBe(true);
      expect(ids).toContain(victim);
      const log = (await value(first, 'log')) as { refusedBeforeLink: string[] };
      expect(log.refusedBeforeLink).toContain(`connection id ${victim} is taken`);
    }
    if (fallback) {
      // Garbage and forged traffic on the relay's channel, counted where it arrives.
      await eventually(() => first.evaluate(() => window.hub.link.stats().refused.source! >= 10));
      await eventually(() => second.evaluate(() => window.hub.link.stats().refused.source! >= 5));
    }
    expect(await peers(second)).toEqual(ids);
    expect(await value(second, 'echo', 'unharmed')).toBe('echo: unharmed');
    expect(await value(first, 'labels')).toEqual(['tab-0', 'tab-1']);
  });
});

describe('the fallback hub', () => {
  const { tabs } = hubTabs(true);

  it('when the leader tab closes, another takes over with a fresh worker: calls in flight fail DISCONNECTED, links reconnect', async () => {
    const { tabs: all } = await tabs(3);
    const [leader, second, third] = all as [Page, Page, Page];
    expect(await value(leader, 'kind')).toBe('dedicated');
    const rest = sorted(await Promise.all([second, third].map(idOf)));
    const hanging = call(second, 'hang');
    // The hang call is in the worker once the hub answers a later call from the same tab.
    await value(second, 'echo', 'after hang');
    await leader.close();
    expect(await hanging).toMatchObject({ code: 'DISCONNECTED' });
    await eventually(async () => {
      const outcome = await call(third, 'peers');
      return Array.isArray(outcome.value) && sorted(outcome.value as string[]).join() === rest.join();
    });
    expect(await value(second, 'echo', 'again')).toBe('echo: again');
    expect(await value(third, 'labels')).toEqual(['tab-1', 'tab-2']);
    // The new hub started over: it saw only the two tabs that are left.
    expect(sorted(((await value(third, 'log')) as { connected: string[] }).connected)).toEqual(rest);
    for (const tab of [second, third]) expect(await tab.evaluate(() => window.hub.link.stats().connects)).toBe(2);
  });

  it('a leader tab told it is being frozen hands the hub over, and joins the new one when it resumes', async () => {
    const { tabs: all } = await tabs(2);
    const [leader, second] = all as [Page, Page];
    const ids = await Promise.all(all.map(idOf));
    await lifecycle(leader, 'freeze');
    await eventually(async () => {
      const outcome = await call(second, 'peers');
      return Array.isArray(outcome.value) && outcome.value.join() === ids[1];
    });
    await lifecycle(leader, 'resume');
    await eventually(async () => (await peers(second)).join() === sorted(ids).join());
    expect(await value(leader, 'echo', 'back')).toBe('echo: back');
  });

  it('a leader tab put in the back/forward cache hands the hub over, and joins the new one when shown', async () => {
    const { tabs: all } = await tabs(2, cacheable);
    const [leader, second] = all as [Page, Page];
    const ids = await Promise.all(all.map(idOf));
    await leader.goto(elsewhere);
    // A frozen leader would hold the hub: the other tab leads now, with a fresh worker.
    await eventually(async () => {
      const outcome = await call(second, 'peers');
      return Array.isArray(outcome.value) && outcome.value.join() === ids[1];
    });
    await leader.goBack({ waitUntil: 'commit' });
    await eventually(() => leader.evaluate(() => window.hub?.restored === 1));
    await eventually(async () => (await peers(second)).join() === sorted(ids).join());
    expect(await value(leader, 'echo', 'back')).toBe('echo: back');
  });
});

describe('options', () => {
  it('refuse what cannot work, with INVALID_OPTIONS, before anything starts', async () => {
    const { page } = await open(tabUrl({ label: 'options' }));
    await page.waitForFunction(() => window.hub?.ready === true);
    const codes = await page.evaluate(() => {
      const { connectSharedWorker, serveSharedWorker, defineContract } = window.hub.api;
      const attempt = (run: () => unknown): string => {
        try {
          run();
          return 'no error';
        } catch (error) {
          return (error as { code: string }).code;
        }
      };
      const contract = defineContract({ host: {}, guest: {} });
      return {
        notAWorker: attempt(() => connectSharedWorker(42, { contract })),
        unknownOption: attempt(() => connectSharedWorker('./hub.js', { contract, nmae: 'typo' })),
        notInAWorker: attempt(() => serveSharedWorker({ contract })),
      };
    });
    expect(codes).toEqual({ notAWorker: 'INVALID_OPTIONS', unknownOption: 'INVALID_OPTIONS', notInAWorker: 'INVALID_OPTIONS' });
  });
});
