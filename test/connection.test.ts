import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';

const { origins, open } = useChromium();
const pages = '/test/pages/connection';

function url(origin: string, page: string, params: Record<string, string | string[]> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const each of [value].flat()) search.append(key, each);
  return `${origin}${pages}/${page}?${search}`;
}
const guestUrl = (params: Record<string, string | string[]> = {}): string =>
  url(origins.guest, 'guest.html', { allowed: origins.host, ...params });

async function hostPage(): Promise<Page> {
  const { page } = await open(`${origins.host}${pages}/host.html`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

/** Mounts a widget on the host page; resolves with `ready`'s outcome. */
async function mount(page: Page, options: Record<string, unknown>): Promise<{ value?: unknown; code?: string }> {
  return page.evaluate((given) => window.settle(window.mount(given).ready), options);
}

function frameOf(page: Page, origin: string): Frame {
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.url().startsWith(origin));
  if (!frame) throw new Error(`no frame from ${origin}`);
  return frame;
}

async function connectedGuest(page: Page, options: Record<string, unknown> = {}): Promise<Frame> {
  expect(await mount(page, { src: guestUrl(), ...options })).toEqual({ value: undefined });
  const frame = frameOf(page, origins.guest);
  expect(await frame.evaluate(() => window.connection)).toEqual({ value: origins.host });
  return frame;
}

/** The widget's events, less resize reports (the resize tests look at those). */
const log = (page: Page): Promise<string[]> => page.evaluate(() => window.log.filter((entry) => !entry.startsWith('resize:')));

describe('connection', () => {
  it('connects and calls both ways, with each side checking the other', async () => {
    const page = await hostPage();
    const guest = await connectedGuest(page);
    expect(await page.evaluate(() => window.settle(window.widget.remote.add({ a: 2, b: 40 })))).toEqual({ value: 42 });
    expect(await guest.evaluate(() => window.settle(window.host.remote.greet({ name: 'guest' })))).toEqual({
      value: { text: 'hello guest' },
    });
    expect(await log(page)).toEqual([`connect:${origins.guest}`]);
    expect(await page.evaluate(() => window.widget.iframe.getAttribute('sandbox'))).toBe(
      'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox',
    );
  });

  it('refuses the ready of a guest on another origin than the configured one', async () => {
    const page = await hostPage();
    // The guest's ready must arrive before the handshake gives up, however slow the machine:
    // wait for the refusal itself, then for the timeout.
    const outcome = page.evaluate((given) => window.settle(window.mount(given).ready), {
      src: guestUrl(),
      origin: origins.evil,
      handshakeTimeout: 8000,
    });
    await expect.poll(() => log(page), { timeout: 8000 }).toContain('refused:origin');
    expect((await outcome).code).toBe('HANDSHAKE_TIMEOUT');
    const events = await log(page);
    expect(events).not.toContain(`connect:${origins.guest}`);
    expect(await page.evaluate(() => window.widget.stats().refused.origin)).toBeGreaterThan(0);
  });

  it('never connects to a guest that does not allow the host: the guest refuses at once, the host times out', async () => {
    const page = await hostPage();
    const outcome = page.evaluate((given) => window.settle(window.mount(given).ready), {
      src: guestUrl({ allowed: origins.evil }),
      handshakeTimeout: 3000,
    });
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origins.guest))).toBe(true);
    const guest = frameOf(page, origins.guest);
    await guest.waitForFunction(() => window.connection !== undefined);
    // Chromium names the embedding origin (location.ancestorOrigins): no ten seconds of waiting.
    expect(await guest.evaluate(() => window.connection)).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    expect((await outcome).code).toBe('HANDSHAKE_TIMEOUT');
    // The guest sent no ready (the browser would have dropped it anyway): the host saw nothing at all.
    expect(await log(page)).toEqual(['error:HANDSHAKE_TIMEOUT']);
  });

  it('drops a ready from an attacker frame on a third origin in the same page', async () => {
    const page = await hostPage();
    await connectedGuest(page);
    await page.evaluate(
      (src) => {
        const frame = document.createElement('iframe');
        frame.title = 'attacker';
        frame.src = src;
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve));
      },
      url(origins.evil, 'attacker.html'),
    );
    await frameOf(page, origins.evil).evaluate(() => window.attack());
    await page.waitForFunction(() => window.log.includes('refused:source'));
    expect(await page.evaluate(() => window.settle(window.widget.remote.add({ a: 1, b: 1 })))).toEqual({ value: 2 });
    expect(await log(page)).toEqual([`connect:${origins.guest}`, 'refused:source']);
  });

  it("drops a ready from a second frame of the guest's origin that mountWidget did not create", async () => {
    const page = await hostPage();
    await connectedGuest(page);
    await page.evaluate(
      (src) => {
        const frame = document.createElement('iframe');
        frame.title = 'impostor';
        frame.src = src;
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve));
      },
      url(origins.guest, 'attacker.html', { impostor: '1' }),
    );
    const impostor = page.frames().find((frame) => frame.url().includes('impostor=1'));
    if (!impostor) throw new Error('the impostor frame did not load');
    await impostor.evaluate(() => window.attack());
    await page.waitForFunction(() => window.log.includes('refused:source'));
    expect(await page.evaluate(() => window.widget.stats())).toMatchObject({ connects: 1, refused: { source: 1 } });
  });

  it('refuses a connect offered to the guest by a parent it does not allow', async () => {
    // The attacker embeds the real widget and offers it a port of its own. Chromium names the
    // attacker's origin to the widget, which refuses at once, before any connect can arrive.
    const embed = (page: Page, src: string): Promise<unknown> =>
      page.evaluate((given) => {
        const frame = document.createElement('iframe');
        frame.src = given;
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve));
      }, src);
    const { page } = await open(url(origins.evil, 'attacker.html'));
    await embed(page, guestUrl({ handshakeTimeout: '60000' }));
    expect(await frameOf(page, origins.guest).evaluate(() => window.connection)).toEqual({
      code: 'HOST_NOT_ALLOWED',
      message: `framed by ${origins.evil}, not in allowedOrigins`,
    });

    // A parent on an opaque origin (here a data: document the attacker frames) is named "null":
    // the widget cannot tell who it is, runs its handshake, and refuses the connect for its origin.
    const nested = `<body><script>
      const frame = document.createElement('iframe');
      frame.src = ${JSON.stringify(guestUrl({ handshakeTimeout: '1000' }))};
      frame.onload = () => {
        const { port2 } = new MessageChannel();
        const connect = { frameport: 'frameport/1', type: 'connect', nonce: 'attacker-nonce-0123456789abcdef' };
        frame.contentWindow.postMessage(connect, ${JSON.stringify(origins.guest)}, [port2]);
      };
      document.body.append(frame);
    </script>`;
    await embed(page, `data:text/html,${encodeURIComponent(nested)}`);
    await expect.poll(() => page.frames().filter((frame) => frame.url().startsWith(origins.guest)).length).toBe(2);
    const behindNull = page.frames().filter((frame) => frame.url().startsWith(origins.guest))[1]!;
    await behindNull.waitForFunction(() => window.connection !== undefined);
    expect(await behindNull.evaluate(() => [...location.ancestorOrigins])).toEqual(['null', origins.evil]);
    expect(await behindNull.evaluate(() => window.connection)).toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
  });

  it('needs allow-same-origin in the sandbox, and refuses a guest whose origin is opaque anyway', async () => {
    const page = await hostPage();
    const thrown = await page.evaluate((src) => {
      try {
        window.mount({ src, sandbox: ['allow-scripts'] });
        return 'mounted';
      } catch (error) {
        return (error as { code: string }).code;
      }
    }, guestUrl());
    expect(thrown).toBe('INVALID_OPTIONS');
    // A guest served with a CSP sandbox has the origin "null" whatever the frame allows.
    const opaque = url(origins.guest, 'hostile.html', { allowed: '*', header: 'Content-Security-Policy: sandbox allow-scripts' });
    expect((await mount(page, { src: opaque, handshakeTimeout: 1500 })).code).toBe('HANDSHAKE_TIMEOUT');
    expect(await log(page)).toContain('refused:origin');
  });

  it('refuses a same-origin guest and allow-top-navigation not asked for by name', async () => {
    const page = await hostPage();
    const codes = await page.evaluate(
      ({ sameOrigin, guest, guestOrigin }) => {
        const attempt = (options: Record<string, unknown>): string => {
          try {
            window.mount(options).destroy();
            return 'mounted';
          } catch (error) {
            return (error as { code: string }).code;
          }
        };
        const sandbox = ['allow-scripts', 'allow-same-origin', 'allow-top-navigation'];
        return [
          attempt({ src: sameOrigin }),
          attempt({ src: guest, sandbox }),
          attempt({ src: guest, sandbox, allowTopNavigation: true }),
          attempt({ src: 'javascript:alert(1)' }),
          attempt({ src: guest, origin: `${guestOrigin}/` }),
          attempt({ src: guest, title: '' }),
          attempt({ src: guest, allow: ['payment; camera *'] }),
        ];
      },
      { sameOrigin: `${origins.host}${pages}/guest.html`, guest: guestUrl(), guestOrigin: origins.guest },
    );
    expect(codes).toEqual([
      'UNSAFE_SANDBOX',
      'UNSAFE_SANDBOX',
      'mounted',
      'INVALID_OPTIONS',
      'INVALID_OPTIONS',
      'INVALID_OPTIONS',
      'INVALID_OPTIONS',
    ]);
  });

  it('grants permission-policy features only when named, to the guest origin only', async () => {
    const page = await hostPage();
    await mount(page, { src: guestUrl(), allow: ['payment', 'clipboard-write'] });
    expect(await page.evaluate(() => window.widget.iframe.allow)).toBe(`payment ${origins.guest}; clipboard-write ${origins.guest}`);
    const bare = await page.evaluate((src) => window.mount({ src }).iframe.getAttribute('allow'), guestUrl());
    expect(bare).toBeNull();
  });

  it('answers invalid input with INVALID_INPUT and never runs the handler', async () => {
    const page = await hostPage();
    const guest = await connectedGuest(page);
    expect(await guest.evaluate(() => window.settle(window.host.remote.greet({ name: 42 } as never)))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(
      await guest.evaluate(() => window.settle(window.host.remote.echo(JSON.parse('{"a": {"__proto__": {"admin": true}}}')))),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await page.evaluate(() => window.handled)).toEqual({ greet: 0, record: 0, echo: 0 });
    expect(await page.evaluate(() => window.widget.stats().refused.input)).toBe(2);
    expect(await guest.evaluate(() => window.settle(window.host.remote.greet({ name: 'ok' })))).toEqual({ value: { text: 'hello ok' } });
  });

  it('answers undeclared and inherited method names with METHOD_NOT_FOUND', async () => {
    const page = await hostPage();
    expect(await mount(page, { src: url(origins.guest, 'hostile.html', { allowed: origins.host }) })).toEqual({ value: undefined });
    const hostile = frameOf(page, origins.guest);
    const codes = await hostile.evaluate(async () => {
      const names = ['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'greet.call'];
      names.forEach((name, index) => window.send({ namespace: 'penpal', type: 'CALL', id: `c${index}`, methodPath: [name], args: [{}] }));
      return Promise.all(names.map((_, index) => window.reply(`c${index}`)));
    });
    expect(codes.map((settled) => settled.code)).toEqual(Array(6).fill('METHOD_NOT_FOUND'));
    expect(await page.evaluate(() => window.widget.stats().refused.method)).toBe(6);
    expect(
      await hostile.evaluate(async () => {
        window.send({ namespace: 'penpal', type: 'CALL', id: 'ok', methodPath: ['greet'], args: [{ name: 'still usable' }] });
        return window.reply('ok');
      }),
    ).toEqual({ value: { text: 'hello still usable' } });
  });

  it('rejects a result that fails the output schema with INVALID_OUTPUT, from a guest using the SDK or not', async () => {
    const page = await hostPage();
    await connectedGuest(page);
    // A guest whose handler returns the wrong shape: the host's guard checks every result.
    expect(await page.evaluate(() => window.settle(window.widget.remote.badOutput()))).toMatchObject({ code: 'INVALID_OUTPUT' });
    expect(await page.evaluate(() => window.widget.stats().refused.output)).toBe(1);
    // A hostile guest that speaks the protocol by hand is caught the same way.
    await page.evaluate(() => window.widget.destroy());
    await mount(page, { src: url(origins.guest, 'hostile.html', { allowed: origins.host }) });
    expect(await page.evaluate(() => window.settle(window.widget.remote.add({ a: 1, b: 2 })))).toMatchObject({ code: 'INVALID_OUTPUT' });
    expect(await page.evaluate(() => window.widget.stats().refused.output)).toBe(1);
  });

  it('times out a call the guest never answers with CALL_TIMEOUT', async () => {
    const page = await hostPage();
    await connectedGuest(page, { callTimeout: 300 });
    expect(await page.evaluate(() => window.settle(window.widget.remote.slow()))).toMatchObject({ code: 'CALL_TIMEOUT' });
    expect(await page.evaluate(() => window.settle(window.widget.remote.add({ a: 1, b: 1 })))).toEqual({ value: 2 });
  });

  it('survives a flood of 20,000 calls: the bucket holds, the flooder is dropped, every call settles, the page stays responsive', async () => {
    const page = await hostPage();
    const rateLimit = { burst: 50, perSecond: 100, disconnectAfter: 1000, cooldown: 500 };
    const guest = await connectedGuest(page, { rateLimit });
    await page.evaluate(() => {
      const state = window as unknown as { ticks: number; seenTicks: number[] };
      state.ticks = 0;
      state.seenTicks = [];
      setInterval(() => (state.ticks += 1), 0);
      const original = window.handled;
      window.handled = new Proxy(original, {
        set(target, key, value) {
          if (key === 'record') state.seenTicks.push(state.ticks);
          return Reflect.set(target, key, value);
        },
      });
    });
    const flood = await guest.evaluate(async () => {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 20_000 }, (_, n) => window.settle(window.host.remote.record({ n }))));
      const elapsed = performance.now() - started;
      const codes: Record<string, number> = {};
      for (const { code } of results) codes[code ?? 'ok'] = (codes[code ?? 'ok'] ?? 0) + 1;
      return { elapsed, codes, settled: results.length };
    });
    expect(flood.settled).toBe(20_000);
    const handled = await page.evaluate(() => window.handled.record);
    const { ok = 0, RATE_LIMITED: limited = 0, DISCONNECTED: dropped = 0, ...others } = flood.codes;
    expect(others).toEqual({});
    expect(ok).toBe(handled);
    expect(ok + limited + dropped).toBe(20_000);
    // Never more often than the bucket allows over the time the flood took.
    expect(handled).toBeLessThanOrEqual(rateLimit.burst + Math.ceil((rateLimit.perSecond * flood.elapsed) / 1000) + 1);
    // Past disconnectAfter refusals the flooder's port was dropped, and its queue with it.
    expect(limited).toBeGreaterThanOrEqual(rateLimit.disconnectAfter);
    expect(dropped).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.widget.stats().refused.rate)).toBeGreaterThan(limited);
    // Timers kept running on the host page between the calls it let through.
    const seen = await page.evaluate(() => (window as unknown as { seenTicks: number[] }).seenTicks);
    expect(seen.at(-1)!).toBeGreaterThan(seen[0]!);
    // After the cool-down the guest is taken back, and a normal call works.
    await page.waitForFunction(() => window.log.filter((entry) => entry.startsWith('connect:')).length === 2);
    const lifecycle = (await log(page)).filter((entry) => !entry.startsWith('refused:'));
    expect(lifecycle).toEqual([`connect:${origins.guest}`, 'disconnect:DISCONNECTED', `connect:${origins.guest}`]);
    expect(await guest.evaluate(() => window.settle(window.host.remote.greet({ name: 'after' })))).toEqual({
      value: { text: 'hello after' },
    });
  });
});

describe('connection lifecycle', () => {
  it('rejects the call in flight with DISCONNECTED when the guest reloads, then reconnects', async () => {
    const page = await hostPage();
    const guest = await connectedGuest(page);
    const inFlight = page.evaluate(() => window.settle(window.widget.remote.slow()));
    await guest.evaluate(() => setTimeout(() => location.reload(), 20));
    expect(await inFlight).toMatchObject({ code: 'DISCONNECTED' });
    await page.waitForFunction(() => window.log.filter((entry) => entry.startsWith('connect:')).length === 2);
    expect(await log(page)).toEqual([`connect:${origins.guest}`, 'disconnect:DISCONNECTED', `connect:${origins.guest}`]);
    expect(await page.evaluate(() => window.settle(window.widget.remote.whoami()))).toEqual({ value: { origin: origins.guest, loads: 2 } });
  });

  it('disconnects when the guest frame navigates to another origin, and stays so', async () => {
    const page = await hostPage();
    const guest = await connectedGuest(page, { heartbeatInterval: 100, callTimeout: 1500 });
    const inFlight = page.evaluate(() => window.settle(window.widget.remote.slow()));
    await guest.evaluate((next) => setTimeout(() => (location.href = next), 20), url(origins.evil, 'attacker.html'));
    expect(await inFlight).toMatchObject({ code: 'DISCONNECTED' });
    expect(await log(page)).toEqual([`connect:${origins.guest}`, 'disconnect:DISCONNECTED']);
    expect(await page.evaluate(() => window.settle(window.widget.remote.add({ a: 1, b: 1 })))).toMatchObject({ code: 'CALL_TIMEOUT' });
  }, 60_000);

  it('disconnects when page code removes the iframe', async () => {
    const page = await hostPage();
    await connectedGuest(page, { heartbeatInterval: 100, callTimeout: 20_000 });
    const inFlight = page.evaluate(() => window.settle(window.widget.remote.slow()));
    await page.evaluate(() => window.widget.iframe.remove());
    expect(await inFlight).toMatchObject({ code: 'DISCONNECTED' });
    expect(await log(page)).toEqual([`connect:${origins.guest}`, 'disconnect:DISCONNECTED']);
  });

  it('destroy() during the handshake rejects ready and calls with DESTROYED and removes the frame', async () => {
    const page = await hostPage();
    const outcome = await page.evaluate(async (src) => {
      const widget = window.mount({ src });
      const call = window.settle(widget.remote.add({ a: 1, b: 1 }));
      widget.destroy();
      return { ready: await window.settle(widget.ready), call: await call, frames: document.querySelectorAll('iframe').length };
    }, guestUrl());
    expect(outcome).toMatchObject({ ready: { code: 'DESTROYED' }, call: { code: 'DESTROYED' }, frames: 0 });
    expect(await log(page)).toEqual([]);
  });

  it('destroy() after connecting rejects calls in flight and later calls with DESTROYED', async () => {
    const page = await hostPage();
    await connectedGuest(page);
    const outcome = await page.evaluate(async () => {
      const inFlight = window.settle(window.widget.remote.slow());
      window.widget.destroy();
      const later = await window.settle(window.widget.remote.add({ a: 1, b: 1 }));
      return { inFlight: await inFlight, later, frames: document.querySelectorAll('iframe').length };
    });
    expect(outcome).toMatchObject({ inFlight: { code: 'DESTROYED' }, later: { code: 'DESTROYED' }, frames: 0 });
    expect(await log(page)).toEqual([`connect:${origins.guest}`, 'disconnect:DESTROYED']);
  });

  it('leaves no listeners behind after 200 mount/destroy cycles', async () => {
    const page = await hostPage();
    const cdp = await page.context().newCDPSession(page);
    const messageListeners = async (): Promise<number> => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.filter((listener) => listener.type === 'message').length;
    };
    const before = await messageListeners();
    const light = url(origins.guest, 'light.html', { allowed: origins.host });
    const cycles = await page.evaluate(async (src) => {
      let connected = 0;
      for (let cycle = 0; cycle < 200; cycle += 1) {
        const widget = window.mount({ src });
        // Half wait for the guest, half are destroyed in the middle of the handshake.
        if (cycle % 2 === 0) {
          await widget.ready;
          connected += 1;
        }
        widget.destroy();
      }
      return { connected, frames: document.querySelectorAll('iframe').length };
    }, light);
    expect(cycles).toEqual({ connected: 100, frames: 0 });
    expect(await messageListeners()).toBe(before);
  });
});
