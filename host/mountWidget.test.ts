// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import { mountWidget } from './mountWidget.ts';

// What an app's own component tests see, in jsdom with no guest behind the frame.
describe('mountWidget in a DOM without a guest', () => {
  const contract = defineContract({ host: {}, guest: { ping: { input: z.undefined() } } });

  it('mounts the frame at once; a handshake that times out ends the widget, calls and all, with the same code', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const widget = mountWidget({
      container,
      src: 'https://pay.example/widget.html',
      title: 'Card payment',
      contract,
      handshakeTimeout: 30,
      // Far beyond the handshake: a call made before it fails with the handshake's code, not its own timeout.
      callTimeout: 60_000,
    });
    const errors: string[] = [];
    widget.on('error', (error) => errors.push(error.message));
    expect(container.querySelector('iframe')).toBe(widget.iframe);
    expect(widget.iframe.src).toBe('https://pay.example/widget.html');
    const early = widget.remote.ping();
    await expect(widget.ready).rejects.toMatchObject({
      code: 'HANDSHAKE_TIMEOUT',
      message: expect.stringContaining(`no ready from the frame in 30 ms: does src run connectToHost, allowing ${window.location.origin}?`),
    });
    await expect(early).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT', message: expect.stringContaining('ping(): no ready') });
    await expect(widget.remote.ping()).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
    expect(errors).toEqual([expect.stringContaining('no ready from the frame')]);
    expect(container.querySelector('iframe')).toBeNull();
    widget.destroy();
    await expect(widget.remote.ping()).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
  });

  it('logs why the handshake failed with debug', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const container = document.createElement('div');
    const widget = mountWidget({ container, src: 'https://pay.example/', title: 'x', handshakeTimeout: 10, debug: true });
    await expect(widget.ready).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
    expect(debug).toHaveBeenCalledWith('[frameport:host]', 'handshake failed:', expect.stringContaining('no ready from the frame'));
    debug.mockRestore();
  });

  it('throws INVALID_OPTIONS at once for options that cannot work', () => {
    const container = document.createElement('div');
    for (const options of [
      { container, src: 'javascript:alert(1)', title: 'x' },
      // Without a protocol it would resolve to this page's origin: said as such, not as UNSAFE_SANDBOX.
      { container, src: 'pay.example/widget', title: 'x' },
      { container, src: 'https://pay.example/', title: 'x', origin: 'https://pay.example/' },
      { container, src: 'https://pay.example/', title: 'x', origin: '*' },
      { container, src: 'https://pay.example/', title: 'x', contract, methods: { notDeclared: () => 1 } },
      { container, src: 'https://pay.example/', title: 'x', callTimeout: -1 },
      { container, src: 'https://pay.example/', title: 'x', rateLimit: { burst: 0 } },
      { container: null, src: 'https://pay.example/', title: 'x' },
    ]) {
      expect(() => mountWidget(options as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
    expect(container.children).toHaveLength(0);
  });
});

describe('mountWidget with an AbortSignal', () => {
  const options = { src: 'https://pay.example/widget.html', title: 'Card payment', handshakeTimeout: 60_000 };

  it('creates nothing for a signal that is already aborted, and says so', () => {
    const container = document.createElement('div');
    const controller = new AbortController();
    controller.abort();
    expect(() => mountWidget({ ...options, container, signal: controller.signal })).toThrow(
      expect.objectContaining({ code: 'DESTROYED', message: expect.stringContaining('already aborted') }),
    );
    expect(container.childElementCount).toBe(0);
  });

  it('destroys the widget when the signal aborts, and stops listening once destroyed', async () => {
    const container = document.createElement('div');
    const controller = new AbortController();
    const { signal } = controller;
    const removeListener = vi.spyOn(signal, 'removeEventListener');
    const widget = mountWidget({ ...options, container, signal });
    expect(container.childElementCount).toBe(1);
    controller.abort();
    await expect(widget.ready).rejects.toMatchObject({ code: 'DESTROYED' });
    expect(container.childElementCount).toBe(0);
    expect(removeListener.mock.calls.map(([type]) => type)).toEqual(['abort']);
  });

  it('refuses a signal that is not one', () => {
    const container = document.createElement('div');
    expect(() => mountWidget({ ...options, container, signal: {} as AbortSignal })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});

describe('mountWidget with several origins', () => {
  const base = { src: 'https://pay.example/widget.html', title: 'Card payment' };

  it.each([
    ['an empty list', []],
    ['a wildcard in the list', ['https://pay.example', '*']],
    ['a path in the list', ['https://pay.example/widget']],
  ])('refuses %s', (_, origin) => {
    const container = document.createElement('div');
    expect(() => mountWidget({ ...base, container, origin })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it("refuses this page's own origin anywhere in the list", () => {
    const container = document.createElement('div');
    expect(() => mountWidget({ ...base, container, origin: ['https://pay.example', window.location.origin] })).toThrow(
      expect.objectContaining({ code: 'UNSAFE_SANDBOX' }),
    );
  });
});

describe("mountWidget's share option", () => {
  const mount = (options: Record<string, unknown>): HTMLIFrameElement => {
    const widget = mountWidget({ container: document.body, src: 'https://promo.example/', title: 'Offers', ...options });
    widget.destroy();
    return widget.iframe;
  };

  it("'allow' adds web-share for the widget's origin to the features it already has; the default and 'delegate' add nothing", () => {
    expect(mount({ share: 'allow', allow: ['payment'] }).getAttribute('allow')).toBe(
      'payment https://promo.example; web-share https://promo.example',
    );
    expect(mount({ share: 'allow' }).getAttribute('allow')).toBe('web-share https://promo.example');
    expect(mount({}).getAttribute('allow')).toBeNull();
    expect(mount({ share: 'delegate' }).getAttribute('allow')).toBeNull();
    expect(mount({ share: false, allow: ['payment'] }).getAttribute('allow')).toBe('payment https://promo.example');
  });

  it.each([true, 'yes', 'Delegate', null, 1])('refuses share: %s with INVALID_OPTIONS', (share) => {
    expect(() => mount({ share })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it("still checks allow when 'allow' adds to it", () => {
    expect(() => mount({ share: 'allow', allow: 'payment' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});
