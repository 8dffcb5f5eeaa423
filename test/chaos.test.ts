import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';
import { livePorts } from './harness/cdp.ts';
import type { ChaosConfig, GuestTally } from './pages/chaos/hooks.d.ts';

const { origins, open } = useChromium();
const pages = '/test/pages/chaos';
const documented = ['DISCONNECTED', 'DESTROYED', 'CALL_TIMEOUT'];
const callTimeout = 2000;

/** The window's `message` and `messageerror` listeners, as the 200-cycle test counts them. */
async function windowListeners(cdp: CDPSession): Promise<{ message: number; messageerror: number }> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId! });
  const count = (type: string): number => listeners.filter((listener) => listener.type === type).length;
  return { message: count('message'), messageerror: count('messageerror') };
}

/** A full collection may leave what a finalizer or a closing port still held to the next one. */
async function portsAfterCollecting(cdp: CDPSession, baseline: number): Promise<number> {
  let ports = await livePorts(cdp);
  for (let round = 0; round < 5 && ports > baseline; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    ports = await livePorts(cdp);
  }
  return ports;
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((total, each) => total + each, 0);

/** A guest document's own calls: each settled once, with the right value or a documented code. */
function expectSound(tally: GuestTally, final: boolean): void {
  expect(tally.wrong, `guest document ${tally.document}: wrong values`).toEqual([]);
  expect(tally.unexpected, `guest document ${tally.document}: undocumented codes`).toEqual([]);
  expect(tally.settledTwice, `guest document ${tally.document}: calls settled twice`).toBe(0);
  expect(Object.keys(tally.codes).filter((code) => !documented.includes(code))).toEqual([]);
  expect(tally.values + sum(tally.codes) + tally.unsettled).toBe(tally.made);
  if (final) expect(tally.unsettled, `guest document ${tally.document}: calls never settled`).toBe(0);
}

describe('chaos', () => {
  it('settles 10,000 calls both ways once each while the guest reloads and navigates and the host remounts, and leaves nothing behind', async () => {
    const { page } = await open(`${origins.host}${pages}/host.html`);
    await page.waitForFunction(() => window.chaosReady === true);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const baseline = { listeners: await windowListeners(cdp), ports: await livePorts(cdp) };

    const seed = 20_251_111;
    const guestSrc = new URL(`${origins.guest}${pages}/guest.html`);
    for (const [key, value] of Object.entries({ allowed: origins.host, seed: String(seed), callTimeout: String(callTimeout) })) {
      guestSrc.searchParams.set(key, value);
    }
    const config: ChaosConfig = {
      seed,
      guestSrc: guestSrc.href,
      // Away on the guest's own origin, and on another site.
      awaySrcs: [`${origins.guest}${pages}/away.html`, `${origins.evil}${pages}/away.html`],
      hostCalls: 5000,
      guestCalls: 5000,
      callTimeout,
      heartbeatInterval: 100,
      chaosRate: 0.5,
      guestWithin: 30_000,
    };
    const host = await page.evaluate((given) => window.chaosHost.run(given), config);
    const run = `seed ${seed}: ${JSON.stringify(host)}`;

    // Every host call settled exactly once, with the right value or a documented code.
    expect(host.unsettled, `host calls that never settled (${run})`).toEqual([]);
    expect(host.settledTwice, `host calls settled twice (${run})`).toEqual([]);
    expect(host.wrong, `host calls with a wrong value (${run})`).toEqual([]);
    expect(host.unexpected, `host calls with an undocumented code (${run})`).toEqual([]);
    expect(host.calls.add).toBe(config.hostCalls);
    const made = host.calls.add + host.calls.reload + host.calls.navigate;
    expect(host.values + sum(host.codes), run).toBe(made);
    // The chaos happened: every kind of event, and the disconnects they cause.
    expect(Object.keys(host.events).sort()).toEqual([
      'final remount',
      'frame away past callTimeout',
      'guest navigates away and back',
      'guest reloads itself',
      'host destroys and remounts',
      'host navigates the frame away and back',
      'host reloads the frame',
    ]);
    expect(host.disconnects.DISCONNECTED ?? 0, run).toBeGreaterThan(0);
    expect(Object.keys(host.codes).sort(), run).toEqual([...documented].sort());
    expect(host.finalReady).toBe('connected');
    expect(host.guestCallsAnswered).toBeGreaterThanOrEqual(config.guestCalls);

    // The guest document that survived: all of its calls settled once. Those before it lost
    // their pending calls with the document, but none settled twice or wrongly.
    const iframe = await page.locator('iframe').elementHandle();
    const guest = (await iframe!.contentFrame())!;
    const final = await guest.evaluate(() => window.chaosGuest.stop(11_000));
    const earlier = await guest.evaluate(() => window.chaosGuest.earlier());
    expectSound(final, true);
    expect(final.values).toBeGreaterThan(0);
    for (const tally of earlier) expectSound(tally, false);

    // While connected, the counts below see the SDK's heartbeat, its handshake listener and its port.
    expect(await page.evaluate(() => window.chaosTimers.live())).toContainEqual(expect.stringMatching(/^interval 100 ms /));
    expect((await windowListeners(cdp)).message).toBeGreaterThan(baseline.listeners.message);
    expect(await livePorts(cdp)).toBeGreaterThan(baseline.ports);

    // The guest's connection leaves no timer when destroyed.
    await guest.evaluate(() => window.chaosGuest.destroy());
    expect(await guest.evaluate(() => window.chaosTimers.quiet(5000)), 'live guest timers').toEqual([]);

    // Nor does the host's: no timer, no window listener, no MessagePort.
    await page.evaluate(() => window.chaosHost.destroy());
    expect(await page.evaluate(() => window.chaosTimers.quiet(5000)), 'live host timers').toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);
    expect(await windowListeners(cdp)).toEqual(baseline.listeners);
    expect(await portsAfterCollecting(cdp, baseline.ports)).toBe(baseline.ports);
  }, 120_000);
});
