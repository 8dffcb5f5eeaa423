// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestGuest } from './index.ts';
import { mountWidget, type Widget } from '../host/mountWidget.ts';
import { payment, paymentV2 } from '../test/unit/paymentWidget.ts';
import type { Refusal } from '../shared/stats.ts';
import type { FrameportWidgetElement } from '../element/frameportWidget.ts';

// A host app's test: the app's own mountWidget, unmodified, in jsdom, against a test widget.
const open: { destroy(): void }[] = [];
afterEach(() => {
  for (const each of open.splice(0)) each.destroy();
  document.body.replaceChildren();
});

/** The app under test: a checkout that mounts the payment widget and records what it is told. */
function mountCheckout(paidOrders: string[] = []): Widget<typeof payment> {
  const container = document.createElement('div');
  document.body.append(container);
  const widget = mountWidget({
    container,
    src: 'https://pay.example/widget.html',
    title: 'Card payment',
    contract: payment,
    methods: { paid: ({ orderId }) => void paidOrders.push(orderId) },
  });
  open.push(widget);
  return widget;
}

function testGuest(origin = 'https://pay.example') {
  const guest = createTestGuest({ contract: payment, origin, methods: { setAmount: () => 'ok' as const } });
  open.push(guest);
  return guest;
}

describe('createTestGuest lets a host app be tested against a widget in jsdom', () => {
  it("a valid call each way, through the app's real handshake and guard", async () => {
    const guest = testGuest();
    const paidOrders: string[] = [];
    const widget = mountCheckout(paidOrders);
    await widget.ready;
    await guest.ready;

    await expect(widget.remote.setAmount({ amount: 42, currency: 'EUR' })).resolves.toBe('ok');
    expect(guest.calls).toEqual([{ method: 'setAmount', input: { amount: 42, currency: 'EUR' } }]);

    await guest.remote.paid({ orderId: 'A-1001', amount: 42 });
    expect(paidOrders).toEqual(['A-1001']);
  });

  it('refused input both ways, as the app would see it from a real widget', async () => {
    const widget = mountCheckout();
    const guest = testGuest();
    const refused: Refusal[] = [];
    widget.on('refused', (refusal) => refused.push(refusal));
    await guest.ready;

    // The widget side refuses the app's bad input; its handler never runs.
    await expect(widget.remote.setAmount({ amount: 0, currency: 'EUR' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(guest.refusals).toMatchObject([{ reason: 'input', method: 'setAmount' }]);
    expect(guest.calls).toEqual([]);

    // The app refuses the widget's bad input.
    await expect(guest.remote.paid({ orderId: 'A-1', amount: 'lots' as unknown as number })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(refused).toMatchObject([{ reason: 'input', code: 'INVALID_INPUT', method: 'paid' }]);
  });

  it('a refused method: a newer widget calling what the app does not offer gets METHOD_NOT_FOUND', async () => {
    const widget = mountCheckout();
    const guest = createTestGuest({ contract: paymentV2, origin: 'https://pay.example', methods: { setAmount: () => 'ok' as const } });
    open.push(guest);
    const refused: Refusal[] = [];
    widget.on('refused', (refusal) => refused.push(refusal));
    await guest.ready;
    await expect(guest.remote.track({ event: 'opened' })).rejects.toMatchObject({ code: 'METHOD_NOT_FOUND' });
    expect(refused).toMatchObject([{ reason: 'method', code: 'METHOD_NOT_FOUND', method: 'track' }]);
    await expect(widget.remote.setAmount({ amount: 1, currency: 'EUR' })).resolves.toBe('ok');
  });

  it('a guest at another origin is refused by the app, with the real message', async () => {
    const widget = mountCheckout();
    const refused: Refusal[] = [];
    widget.on('refused', (refusal) => refused.push(refusal));
    const guest = testGuest('https://evil.example');
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({
      reason: 'origin',
      code: 'INVALID_MESSAGE',
      message: 'a ready from https://evil.example, expected https://pay.example',
      origin: 'https://evil.example',
    });
    expect(guest.calls).toEqual([]);
  });

  it('says at once when its allowedOrigins lack the page the app runs on', async () => {
    mountCheckout();
    const guest = createTestGuest({
      contract: payment,
      origin: 'https://pay.example',
      allowedOrigins: ['https://shop.example'],
      methods: { setAmount: () => 'ok' as const },
    });
    open.push(guest);
    await expect(guest.ready).rejects.toMatchObject({
      code: 'HANDSHAKE_TIMEOUT',
      message: expect.stringContaining(`(https://shop.example) do not include the app's origin ${location.origin}`),
    });
  });

  it('follows the app through unmount and mount again (StrictMode)', async () => {
    const guest = testGuest();
    const first = mountCheckout();
    await first.ready;
    first.destroy();
    const second = mountCheckout();
    await second.ready;
    await expect(second.remote.setAmount({ amount: 5, currency: 'USD' })).resolves.toBe('ok');
    expect(guest.calls).toEqual([{ method: 'setAmount', input: { amount: 5, currency: 'USD' } }]);
    expect(guest.stats().connects).toBe(2);
  });

  it('finds a frame the app mounts later, with fake timers too', async () => {
    vi.useFakeTimers();
    try {
      const guest = testGuest();
      // Its first ready, routed in the microtask queued before this one, finds no frame; its
      // next one is on a timer that never fires here.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      const widget = mountCheckout();
      await widget.ready;
      await guest.ready;
      await expect(widget.remote.setAmount({ amount: 7, currency: 'EUR' })).resolves.toBe('ok');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a test guest an earlier test left behind does not take a later test frame', async () => {
    const leftOver = testGuest();
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    const current = testGuest();
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    const widget = mountCheckout();
    await current.ready;
    await widget.ready;
    expect(leftOver.stats().connects).toBe(0);
  });

  it('loads into no frame outside the document, as no browser loads one', async () => {
    const container = document.createElement('div');
    const detached = mountWidget({
      container,
      src: 'https://pay.example/',
      title: 'x',
      contract: payment,
      methods: { paid: () => undefined },
    });
    open.push(detached);
    const guest = testGuest();
    const widget = mountCheckout();
    await guest.ready;
    await widget.ready;
    expect(detached.stats().connects).toBe(0);
  });

  it('a widget mounted with no test guest still times out, as before', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const widget = mountWidget({
      container,
      src: 'https://pay.example/',
      title: 'x',
      contract: payment,
      methods: { paid: () => undefined },
      handshakeTimeout: 30,
    });
    open.push(widget);
    await expect(widget.ready).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
  });
});

describe('createTestGuest with <frameport-widget>', () => {
  it('connects the element an app writes in its markup', async () => {
    await import('../element/index.ts');
    const guest = testGuest();
    const element = document.createElement('frameport-widget') as FrameportWidgetElement;
    element.setAttribute('src', 'https://pay.example/widget.html');
    element.setAttribute('title', 'Card payment');
    element.contract = payment;
    const paid: string[] = [];
    element.methods = { paid: ({ orderId }: { orderId: string }) => void paid.push(orderId) };
    const ready = new Promise((resolve) => element.addEventListener('ready', resolve));
    document.body.append(element);
    await ready;
    await guest.ready;
    await expect(element.remote!.setAmount!({ amount: 3, currency: 'EUR' })).resolves.toBe('ok');
    await guest.remote.paid({ orderId: 'E-1', amount: 3 });
    expect(paid).toEqual(['E-1']);
    element.remove();
  });
});
