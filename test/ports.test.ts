import type { CDPSession, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './harness/browser.ts';
import { livePorts } from './harness/cdp.ts';

/**
 * Ports as capabilities, cross-site in Chromium: a shop (localhost) hands its widget
 * (127.0.0.1) ports, buffers and grants over the widget link, and the two then talk on those
 * ports with the same guard as any link.
 */
const { origins, open } = useChromium();
const pages = '/test/pages/ports';

import './pages/ports/hooks.d.ts';

async function shop(query = ''): Promise<Page> {
  const { page } = await open(`${origins.host}${pages}/host.html`);
  await page.waitForFunction(() => window.ports !== undefined);
  const src = `${origins.guest}${pages}/guest.html?allowed=${encodeURIComponent(origins.host)}${query}`;
  await page.evaluate((given) => window.ports.mount(given), src);
  return page;
}

describe('ports as capabilities', () => {
  it('hands a port over in a call; calls made on it before the other end listens wait and then go through', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const { port1, port2 } = new MessageChannel();
      const link = await frameport.connectPort(port1, { contract: frameport.echo, as: 'host' });
      // Nobody holds port2 yet: this call waits for the other end.
      const early = settle(link.remote.echo!('before'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const handed = await settle(widget.remote.takeEcho!(frameport.transfer({ port: port2 }, [port2])));
      return { handed, early: await early, later: await settle(link.remote.echo!('after')) };
    });
    expect(outcome).toEqual({ handed: { value: 'ok' }, early: { value: 'echo: before' }, later: { value: 'echo: after' } });
  });

  it('the other way round: the widget calls on a handed port before the shop listens, and the call goes through', async () => {
    const page = await shop();
    const handed = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const { port1, port2 } = new MessageChannel();
      (window as unknown as { kept: MessagePort }).kept = port1;
      return settle(widget.remote.callEarly!(frameport.transfer({ port: port2 }, [port2])));
    });
    expect(handed).toEqual({ value: 'ok' });
    const guest = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
    // The widget's call is out, waiting for an end that is not listening yet.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.evaluate(async () => {
      const { connectPort, echo } = window.ports;
      const port = (window as unknown as { kept: MessagePort }).kept;
      await connectPort(port, { contract: echo, as: 'guest', methods: { echo: (text: string) => `the shop echoes ${text}` } });
    });
    expect(await guest.evaluate(() => window.early)).toEqual({ value: 'the shop echoes from the widget' });
  });

  it('transfers an ArrayBuffer in a call (detached here) and in a result, and a port in a result', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const buffer = new ArrayBuffer(16);
      const length = await settle(widget.remote.byteLength!(frameport.transfer({ buffer }, [buffer])));
      const made = (await widget.remote.makeBuffer!(8)) as ArrayBuffer;
      const { port } = (await widget.remote.openEcho!()) as { port: MessagePort };
      const link = await frameport.connectPort(port, { contract: frameport.echo, as: 'host' });
      return { length, detached: buffer.byteLength, made: made.byteLength, echoed: await settle(link.remote.echo!('back')) };
    });
    expect(outcome).toEqual({ length: { value: 16 }, detached: 0, made: 8, echoed: { value: 'echo: back' } });
    // The widget's own buffer left it when it was transferred.
    const guest = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
    expect(await guest.evaluate(() => (window as unknown as { madeBuffer: ArrayBuffer }).madeBuffer.byteLength)).toBe(0);
  });

  it('refuses a port the contract does not declare, as invalid input', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const { port2 } = new MessageChannel();
      const smuggled = await settle(widget.remote.plain!(frameport.transfer({ note: 'hi', port: port2 } as never, [port2])));
      return { smuggled, plain: await settle(widget.remote.plain!({ note: 'hi' })) };
    });
    expect(outcome.smuggled).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('port') });
    expect(outcome.plain).toEqual({ value: 'ok' });
  });

  it('a widget that takes no ports (no acceptPorts) refuses one its contract declares, and closes it', async () => {
    const page = await shop('&plain');
    const guest = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
    const cdp = await page.context().newCDPSession(guest);
    const before = await livePorts(cdp);
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const refused = await Promise.all(
        Array.from({ length: 20 }, () => {
          const { port2 } = new MessageChannel();
          return settle(widget.remote.takeEcho!(frameport.transfer({ port: port2 }, [port2])));
        }),
      );
      return { codes: [...new Set(refused.map((each) => each.code))], plain: await settle(widget.remote.plain!({ note: 'hi' })) };
    });
    expect(outcome).toEqual({ codes: ['INVALID_INPUT'], plain: { value: 'ok' } });
    expect(await guest.evaluate(() => window.host.stats().refused.input)).toBe(20);
    expect(await guest.evaluate(() => window.links.length)).toBe(0);
    await expect.poll(() => livePorts(cdp), { timeout: 10_000 }).toBeLessThanOrEqual(before);
  });

  it('grants one use: the second call is refused EXHAUSTED, and the handler ran once', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const addOne = window.ports.contactsGrant({ uses: 1 });
      const used = await settle(
        widget.remote.takeContacts!(frameport.transfer({ port: addOne.port, calls: 3, forward: false }, [addOne.port])),
      );
      return { used, added: window.ports.added, refused: addOne.stats().refused.grant };
    });
    expect(outcome.used).toEqual({ value: ['added', 'EXHAUSTED', 'EXHAUSTED'] });
    expect(outcome.added).toEqual(['friend 0']);
  });

  it('keeps a forwarded grant’s limits: the widget hands it to its own worker, which gets one use too', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const addOne = window.ports.contactsGrant({ uses: 1 });
      const used = await settle(
        widget.remote.takeContacts!(frameport.transfer({ port: addOne.port, calls: 2, forward: true }, [addOne.port])),
      );
      return { used, added: window.ports.added };
    });
    expect(outcome).toEqual({ used: { value: ['added', 'EXHAUSTED'] }, added: ['from the worker 0'] });
  });

  it('ends a grant after expiresIn: EXPIRED', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const brief = window.ports.contactsGrant({ expiresIn: 100 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return settle(widget.remote.takeContacts!(frameport.transfer({ port: brief.port, calls: 2, forward: false }, [brief.port])));
    });
    expect(outcome).toEqual({ value: ['EXPIRED', 'EXPIRED'] });
    expect(await page.evaluate(() => window.ports.added)).toEqual([]);
  });

  it('revokes a grant held by the widget: its next 100 calls are all refused REVOKED, and the handler never runs again', async () => {
    const page = await shop();
    const granted = await page.evaluate(async () => {
      const { widget, settle, ...frameport } = window.ports;
      const grant = window.ports.contactsGrant({});
      (window as unknown as { granted: typeof grant }).granted = grant;
      return settle(widget.remote.holdContacts!(frameport.transfer({ port: grant.port }, [grant.port])));
    });
    expect(granted).toEqual({ value: 'ok' });
    const guest = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
    expect(await guest.evaluate(() => window.callHeld(1))).toEqual(['added']);
    await page.evaluate(() => (window as unknown as { granted: { revoke(): void } }).granted.revoke());
    const after = await guest.evaluate(() => window.callHeld(100));
    expect(after).toHaveLength(100);
    expect(new Set(after)).toEqual(new Set(['REVOKED']));
    expect(await page.evaluate(() => window.ports.added)).toEqual(['held 0']);
  });

  it('takes no end notice from a holder: it cannot end a grant in the serving end’s name', async () => {
    const page = await shop();
    const outcome = await page.evaluate(async () => {
      const granted = window.ports.contactsGrant({});
      const { port } = granted;
      // A holder speaking the port protocol by hand: penpal's handshake, then a forged notice.
      const inbox: { type?: string; callId?: string; value?: unknown }[] = [];
      const answered = new Promise<unknown>((resolve) => {
        port.onmessage = ({ data }) => {
          inbox.push(data);
          if (data?.type === 'ACK1') {
            port.postMessage({ namespace: 'penpal', type: 'ACK2' });
            port.postMessage({ frameport: 'frameport/1', type: 'end', code: 'REVOKED' });
            port.postMessage({ namespace: 'penpal', type: 'CALL', id: 'after', methodPath: ['addContact'], args: [{ name: 'still' }] });
          }
          if (data?.type === 'REPLY' && data.callId === 'after') resolve(data.value);
        };
      });
      port.postMessage({ namespace: 'penpal', type: 'SYN', participantId: '0' });
      return { answer: await answered, refused: granted.stats().refused.shape, added: window.ports.added };
    });
    expect(outcome).toEqual({ answer: 'added', refused: 1, added: ['still'] });
  });

  it('leaves no port, window listener or timer after 100 grant/revoke cycles', async () => {
    const page = await shop();
    const cdp = await page.context().newCDPSession(page);
    const before = await livePorts(cdp);
    const listeners = await windowListeners(cdp);
    const timers = await page.evaluate(() => window.chaosTimers.live());
    await page.evaluate(async () => {
      const { settle, ...frameport } = window.ports;
      const contacts = window.ports.contacts;
      for (let cycle = 0; cycle < 100; cycle += 1) {
        // Half with an expiry, whose timer revoke() must clear.
        const granted = window.ports.contactsGrant(cycle % 4 < 2 ? { uses: 1 } : { uses: 1, expiresIn: 60_000 });
        if (cycle % 2) {
          const holder = await frameport.connectPort(granted.port, { contract: contacts, as: 'guest' });
          await settle(holder.remote.addContact!({ name: `cycle ${cycle}` }));
          holder.destroy();
        }
        granted.revoke();
      }
    });
    expect(await page.evaluate(() => window.ports.added.length)).toBe(50);
    await expect.poll(() => livePorts(cdp), { timeout: 10_000 }).toBeLessThanOrEqual(before);
    expect(await windowListeners(cdp)).toEqual(listeners);
    // The holders' heartbeats and the grants' expiry timers are all gone.
    expect(await page.evaluate(() => window.chaosTimers.quiet(5000))).toEqual(timers);
  });
});

describe('introductions', () => {
  const widgetSrc = (origin: string, as: string): string =>
    `${origin}${pages}/guest.html?allowed=${encodeURIComponent(origins.host)}&as=${as}`;

  async function twoWidgets(serverQuery = ''): Promise<{ page: Page; caller: Frame; server: Frame }> {
    const { page } = await open(`${origins.host}${pages}/host.html`);
    await page.waitForFunction(() => window.ports !== undefined);
    await page.evaluate(
      ([a, b]) => Promise.all([window.ports.mountNamed('caller', a!), window.ports.mountNamed('server', b!)]),
      [widgetSrc(origins.guest, 'host'), widgetSrc(origins.evil, 'guest') + serverQuery],
    );
    const caller = page.frames().find((frame) => frame.url().startsWith(origins.guest))!;
    const server = page.frames().find((frame) => frame.url().startsWith(origins.evil))!;
    for (const frame of [caller, server]) await frame.waitForFunction(() => window.host !== undefined);
    return { page, caller, server };
  }

  it('gives two widgets a direct line: 100 calls between them, and the page carries none of it', async () => {
    const { page, caller } = await twoWidgets();
    await page.evaluate(() => {
      window.ports.introduce(window.ports.widgets.caller, window.ports.widgets.server, { name: 'line' });
      window.ports.countPosts();
    });
    await caller.waitForFunction(() => window.lines === 1);
    const answers = await caller.evaluate(() => Promise.all(Array.from({ length: 100 }, (_, n) => window.lineCall(`#${n}`))));
    expect(answers[99]).toEqual({ value: `${origins.evil} echoes #99` });
    expect(answers.every((answer) => answer.value !== undefined)).toBe(true);
    expect(await page.evaluate(() => window.ports.posts)).toBe(0);
  });

  it('refuses an introduction under a name the widget did not declare, and closes its port', async () => {
    const { page, caller } = await twoWidgets();
    await page.evaluate(() => window.ports.introduce(window.ports.widgets.caller, window.ports.widgets.server, { name: 'other' }));
    await caller.waitForFunction(() => window.host.stats().refused.method >= 1);
    expect(await caller.evaluate(() => window.lines)).toBe(0);
  });

  it('a widget that takes no ports (no acceptPorts) refuses an introduction and closes its port', async () => {
    const { page, caller, server } = await twoWidgets('&plain');
    const cdp = await page.context().newCDPSession(server);
    const before = await livePorts(cdp);
    for (let n = 0; n < 10; n += 1) {
      await page.evaluate(() => window.ports.introduce(window.ports.widgets.caller, window.ports.widgets.server, { name: 'line' }));
    }
    await server.waitForFunction(() => window.host.stats().refused.shape >= 10);
    expect(await server.evaluate(() => ({ lines: window.lines, links: window.host.ports.size }))).toEqual({ lines: 0, links: 0 });
    await expect.poll(() => livePorts(cdp), { timeout: 10_000 }).toBeLessThanOrEqual(before);
    // The other widget took its end, open at once, and its heartbeat ends the line when nobody answers on it.
    await caller.waitForFunction(() => window.lines === 10);
    expect(await caller.evaluate(() => window.lineCall('anyone?'))).toMatchObject({ code: 'DISCONNECTED' });
  });

  it('ends the line when a widget reloads (DISCONNECTED), and the host can introduce them again', async () => {
    const { page, caller, server } = await twoWidgets();
    const introduce = (): Promise<void> =>
      page.evaluate(() => window.ports.introduce(window.ports.widgets.caller, window.ports.widgets.server, { name: 'line' }));
    await introduce();
    await caller.waitForFunction(() => window.lines === 1);
    expect(await caller.evaluate(() => window.lineCall('first'))).toEqual({ value: `${origins.evil} echoes first` });
    // A call in flight when the other widget reloads: never answered, it settles when the line's
    // heartbeat notices the reloaded end, and so do calls made after.
    const inFlight = caller.evaluate(() => window.lineCall('hang'));
    await server.evaluate(() => location.reload());
    expect(await inFlight).toMatchObject({ code: 'DISCONNECTED' });
    expect(await caller.evaluate(() => window.lineCall('during'))).toMatchObject({ code: 'DISCONNECTED' });
    const reloaded = page.frames().find((frame) => frame.url().startsWith(origins.evil))!;
    await reloaded.waitForFunction(() => window.host !== undefined);
    await introduce();
    await caller.waitForFunction(() => window.lines === 2);
    expect(await caller.evaluate(() => window.lineCall('again'))).toEqual({ value: `${origins.evil} echoes again` });
  });

  it('leaves no port, window listener or timer in the page or either widget after 100 introduce/destroy cycles', async () => {
    const { page, caller, server } = await twoWidgets();
    const frames = [page.mainFrame(), caller, server];
    const sessions = await Promise.all([page, caller, server].map((target) => page.context().newCDPSession(target)));
    const ports = await Promise.all(sessions.map(livePorts));
    const listeners = await Promise.all(sessions.map(windowListeners));
    const timers = await Promise.all(frames.map((frame) => frame.evaluate(() => window.chaosTimers.live())));
    for (let cycle = 1; cycle <= 100; cycle += 1) {
      await page.evaluate(() => window.ports.introduce(window.ports.widgets.caller, window.ports.widgets.server, { name: 'line' }));
      for (const frame of [caller, server]) await frame.waitForFunction((count) => window.lines === count, cycle);
      expect(await caller.evaluate((n) => window.lineCall(`#${n}`), cycle)).toEqual({ value: `${origins.evil} echoes #${cycle}` });
      // Either end destroys the line, and the other's ends when it hears so; or the line is
      // left open for the next introduction to replace.
      await [caller, server, undefined][cycle % 3]?.evaluate(() => window.dropLine());
    }
    // The last line, still open, is destroyed by the caller.
    await caller.evaluate(() => window.dropLine());
    for (const [index, cdp] of sessions.entries()) {
      await expect
        .poll(() => livePorts(cdp), { timeout: 10_000, message: `ports in ${frames[index]!.url()}` })
        .toBeLessThanOrEqual(ports[index]!);
      expect(await windowListeners(cdp)).toEqual(listeners[index]);
      expect(await frames[index]!.evaluate(() => window.chaosTimers.quiet(5000)), `timers in ${frames[index]!.url()}`).toEqual(
        timers[index],
      );
    }
  });
});

async function windowListeners(cdp: CDPSession): Promise<number> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  return listeners.length;
}
