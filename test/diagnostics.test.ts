import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

const { origins, open } = useChromium();
// The host page of the connection suite (its `mount` takes any mountWidget option), and a guest
// page of our own with `debug: true`.
const hostUrl = (): string => `${origins.host}/test/pages/connection/host.html`;
const page = (origin: string, name: string, params: Record<string, string> = {}): string =>
  `${origin}/test/pages/diagnostics/${name}?${new URLSearchParams(params)}`;

/** The host page, and every `console.debug` line of it and its frames (the debug switch logs there). */
async function hostPage(): Promise<{ page: Page; debug: string[] }> {
  const opened = await open(hostUrl());
  const debug: string[] = [];
  opened.page.on('console', (message) => {
    if (message.type() === 'debug') debug.push(message.text());
  });
  await opened.page.waitForFunction(() => window.ready === true);
  return { page: opened.page, debug };
}

function frameOf(host: Page, origin: string): Frame {
  const frame = host.frames().find((candidate) => candidate !== host.mainFrame() && candidate.url().startsWith(origin));
  if (!frame) throw new Error(`no frame from ${origin}`);
  return frame;
}

async function guestOutcome(frame: Frame): Promise<{ value?: unknown; code?: string; message?: string }> {
  await frame.waitForFunction(() => window.connection !== undefined);
  return frame.evaluate(() => window.connection);
}

describe('diagnostics: a failed handshake says what was seen', () => {
  it('host: no ready at all (a page without the SDK), in the error, the error event and the debug log', async () => {
    const { page: host, debug } = await hostPage();
    const outcome = await host.evaluate(
      (src) => window.settle(window.mount({ src, handshakeTimeout: 1500, debug: true }).ready),
      page(origins.guest, 'nosdk.html'),
    );
    const expected = `no ready from the frame in 1500 ms: does src run connectToHost, allowing ${origins.host}?`;
    expect(outcome).toEqual({ code: 'HANDSHAKE_TIMEOUT', message: expected });
    expect(await host.evaluate(() => window.log)).toEqual(['error:HANDSHAKE_TIMEOUT']);
    await expect.poll(() => debug).toContain(`[frameport:host] handshake failed: ${expected}`);
  });

  it('host: after ready rejects, the widget is ended: calls made before reject at once with the same code, and so do later ones', async () => {
    const { page: host } = await hostPage();
    const outcome = await host.evaluate(
      async (src) => {
        // A call timeout far beyond the handshake's: what settles the early call is the handshake.
        const widget = window.mount({ src, handshakeTimeout: 1500, callTimeout: 600_000 });
        const early = window.settle(widget.remote.add({ a: 1, b: 1 }));
        const ready = await window.settle(widget.ready);
        const settledEarly = await Promise.race([early, Promise.resolve('still pending')]);
        return {
          ready: ready.code,
          early: settledEarly,
          later: await window.settle(widget.remote.add({ a: 2, b: 2 })),
          frames: document.querySelectorAll('iframe').length,
          stats: widget.stats(),
        };
      },
      page(origins.guest, 'nosdk.html'),
    );
    expect(outcome).toMatchObject({
      ready: 'HANDSHAKE_TIMEOUT',
      early: { code: 'HANDSHAKE_TIMEOUT', message: expect.stringContaining('add(): no ready from the frame') },
      later: { code: 'HANDSHAKE_TIMEOUT', message: expect.stringContaining('add(): no ready from the frame') },
      frames: 0,
      stats: { connects: 0 },
    });
    expect(await host.evaluate(() => window.log)).toEqual(['error:HANDSHAKE_TIMEOUT']);
  });

  it('host: a ready from another origin than expected, naming it; the guest says which origin the host should expect', async () => {
    const { page: host, debug } = await hostPage();
    // The widget is really served from the evil origin; the host was told to expect the guest's.
    const src = page(origins.evil, 'guest.html', { allowed: origins.host, handshakeTimeout: '2000' });
    const outcome = host.evaluate((given) => window.settle(window.mount(given).ready), {
      src,
      origin: origins.guest,
      handshakeTimeout: 10_000,
      debug: true,
    });
    // However slow the machine, the guest's ready must arrive before the host gives up.
    await expect.poll(() => host.evaluate(() => window.log), { timeout: 8000 }).toContain('refused:origin');
    // The guest got no answer: it names the host it waited for and the origin it has, before
    // the host gives up and removes its frame.
    expect(await guestOutcome(frameOf(host, origins.evil))).toEqual({
      code: 'HANDSHAKE_TIMEOUT',
      message: `no answer from ${origins.host} in 2000 ms: does its mountWidget expect ${origins.evil}?`,
    });
    const expected = `the frame's ready came from ${origins.evil}, not ${origins.guest} (the origin option)`;
    expect(await outcome).toEqual({ code: 'HANDSHAKE_TIMEOUT', message: expected });
    expect(debug).toContain(`[frameport:host] handshake failed: ${expected}`);
  });

  it('host: a ready it answered, then no connection on the port', async () => {
    const { page: host } = await hostPage();
    // A frame that says ready and then never speaks on the port it is given.
    const src = `${origins.evil}/test/pages/connection/attacker.html`;
    const outcome = host.evaluate((given) => window.settle(window.mount({ src: given, handshakeTimeout: 5000 }).ready), src);
    await expect.poll(() => host.frames().some((frame) => frame.url().startsWith(origins.evil))).toBe(true);
    const frame = frameOf(host, origins.evil);
    await frame.waitForFunction(() => typeof window.attack === 'function');
    await frame.evaluate(() => window.attack());
    expect(await outcome).toEqual({ code: 'HANDSHAKE_TIMEOUT', message: "the frame's ready came, but no connection in 5000 ms" });
  });

  it('guest: its allowedOrigins lack the embedding origin; it fails at once naming that origin (location.ancestorOrigins)', async () => {
    const { page: host, debug } = await hostPage();
    const outcome = host.evaluate(
      (src) => window.settle(window.mount({ src, handshakeTimeout: 3000 }).ready),
      page(origins.guest, 'guest.html', { allowed: origins.evil }),
    );
    // The guest's own handshake timeout is a minute: an answer before the host's 3 s is not a timeout.
    await expect.poll(() => host.frames().some((frame) => frame.url().startsWith(origins.guest))).toBe(true);
    const guest = await guestOutcome(frameOf(host, origins.guest));
    const expected = `framed by ${origins.host}, not in allowedOrigins`;
    expect(guest).toEqual({ code: 'HOST_NOT_ALLOWED', message: expected });
    expect(debug).toContain(`[frameport:guest] handshake failed: ${expected}`);
    // The browser would have dropped its ready anyway (wrong targetOrigin): the host saw none.
    expect(await outcome).toMatchObject({ code: 'HANDSHAKE_TIMEOUT', message: expect.stringContaining('no ready from the frame') });
  });

  it('guest: not in a frame, at once, in the error and the debug log', async () => {
    const { page: guest } = await open(page(origins.guest, 'guest.html', { allowed: origins.host }));
    const debug: string[] = [];
    guest.on('console', (message) => {
      if (message.type() === 'debug') debug.push(message.text());
    });
    const expected = 'not in a frame: connectToHost runs in the widget iframe';
    expect(await guest.evaluate(() => window.connection)).toEqual({ code: 'UNSUPPORTED_ENVIRONMENT', message: expected });
    await guest.reload();
    await guest.evaluate(() => window.connection);
    expect(debug).toContain(`[frameport:guest] handshake failed: ${expected}`);
  });
});
