// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestHost, type TestHost } from './index.ts';
import { loosePayment, payment, paymentV2, startPaymentWidget } from '../test/unit/paymentWidget.ts';
import type { Contract } from '../shared/contract.ts';
import type { HostConnection } from '../guest/connectToHost.ts';

// A partner's widget test, as the README shows it: the widget's own code, unmodified, in jsdom.
const open: { destroy(): void }[] = [];
afterEach(() => {
  for (const each of open.splice(0)) each.destroy();
});

function testHost<C extends Contract = typeof payment>(
  contract: C = payment as unknown as C,
  origin = 'https://shop.example',
): TestHost<C> {
  const host = createTestHost({ contract, origin, methods: { paid: () => undefined } as never });
  open.push(host);
  return host;
}

async function widget<C extends typeof payment | typeof paymentV2 | typeof loosePayment = typeof payment>(
  contract?: C,
): Promise<HostConnection<C>> {
  const started = startPaymentWidget(contract);
  const connection = await started.connection;
  open.push(connection);
  return connection;
}

describe('createTestHost drives a widget in jsdom through the real guard', () => {
  it('a valid call each way: the widget answers, and its calls to the host are recorded', async () => {
    const host = testHost();
    const connection = await widget();
    await host.ready;
    expect(connection.hostOrigin).toBe('https://shop.example');

    await expect(host.remote.setAmount({ amount: 42, currency: 'EUR' })).resolves.toBe('ok');
    expect(document.body.textContent).toBe('42 EUR');

    await connection.remote.paid({ orderId: 'A-1001', amount: 42 });
    await expect(host.waitForCall('paid')).resolves.toEqual({ orderId: 'A-1001', amount: 42 });
    expect(host.calls).toEqual([{ method: 'paid', input: { orderId: 'A-1001', amount: 42 } }]);
    expect(host.refusals).toEqual([]);
  });

  it('refused input, both ways, with the codes and refusals of the real sides', async () => {
    const host = testHost(payment);
    // A buggy widget: its own contract lets it send anything.
    const connection = await widget(loosePayment);
    await host.ready;
    const widgetRefusals: string[] = [];
    connection.on('refused', (refusal) => widgetRefusals.push(refusal.reason));

    // The widget refuses what its schema does not take; its handler never runs.
    await expect(host.remote.setAmount({ amount: -1, currency: 'EUR' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(widgetRefusals).toEqual(['input']);
    expect(document.body.textContent).not.toBe('-1 EUR');

    // The test host refuses what the host's schema does not take, as mountWidget would.
    await expect(connection.remote.paid({ orderId: 7 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(host.refusals).toMatchObject([{ reason: 'input', code: 'INVALID_INPUT', method: 'paid' }]);
    expect(host.calls).toEqual([]);
    expect(host.stats().refused.input).toBe(1);
  });

  it('a refused method: a widget calling what the host does not offer gets METHOD_NOT_FOUND', async () => {
    const host = testHost(payment);
    const connection = await widget(paymentV2);
    await host.ready;
    const refused: unknown[] = [];
    host.on('refused', (refusal) => refused.push(refusal));

    await expect(connection.remote.track({ event: 'opened' })).rejects.toMatchObject({ code: 'METHOD_NOT_FOUND' });
    expect(refused).toMatchObject([{ reason: 'method', code: 'METHOD_NOT_FOUND', method: 'track' }]);
    expect(host.refusals).toEqual(refused);
    // The link stays usable.
    await expect(host.remote.setAmount({ amount: 1, currency: 'USD' })).resolves.toBe('ok');
  });

  it('connects whichever starts first, the widget or the test host', async () => {
    const started = startPaymentWidget();
    const host = testHost();
    const connection = await started.connection;
    open.push(connection);
    await host.ready;
    await expect(host.remote.setAmount({ amount: 2, currency: 'EUR' })).resolves.toBe('ok');
  });

  it('connects with fake timers: the kit carries messages in microtasks, not on timers', async () => {
    vi.useFakeTimers();
    try {
      const host = testHost();
      const connection = await widget();
      await host.ready;
      await expect(host.remote.setAmount({ amount: 4, currency: 'EUR' })).resolves.toBe('ok');
      await connection.remote.paid({ orderId: 'F-1', amount: 4 });
      expect(await host.waitForCall('paid')).toEqual({ orderId: 'F-1', amount: 4 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('says at once when the widget does not allow the test host origin, as no browser would deliver its ready', async () => {
    const host = testHost(payment, 'https://other.example');
    const abandoned = new AbortController();
    const started = startPaymentWidget(payment, abandoned.signal);
    await expect(host.ready).rejects.toMatchObject({
      code: 'HANDSHAKE_TIMEOUT',
      message: expect.stringContaining("(https://shop.example) do not include this test host's origin https://other.example"),
    });
    await expect(host.remote.setAmount({ amount: 1, currency: 'EUR' })).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
    // That widget's frame went with the failed page: a later test host takes a widget started for it.
    const right = testHost();
    const connection = await widget();
    await right.ready;
    await expect(right.remote.setAmount({ amount: 1, currency: 'EUR' })).resolves.toBe('ok');
    abandoned.abort();
    await expect(started.connection).rejects.toMatchObject({ code: 'DESTROYED' });
    expect(connection.hostOrigin).toBe('https://shop.example');
  });

  it('destroy() is the page going away: the widget is told, and no later test host takes it over', async () => {
    const first = testHost();
    const stale = await widget();
    await first.ready;
    const disconnected = new Promise((resolve) => stale.on('disconnect', resolve));
    first.destroy();
    await expect(disconnected).resolves.toEqual({ code: 'DISCONNECTED' });
    await expect(first.remote.setAmount({ amount: 1, currency: 'EUR' })).rejects.toMatchObject({ code: 'DESTROYED' });

    // A later test (or a reload) starts its own widget, and that is the one its test host gets.
    const second = testHost();
    const fresh = await widget();
    await second.ready;
    await fresh.remote.paid({ orderId: 'A-2', amount: 3 });
    expect(await second.waitForCall('paid')).toEqual({ orderId: 'A-2', amount: 3 });
    expect(second.stats().connects).toBe(1);
    expect(first.calls).toEqual([]);
  });

  it('waitForCall waits for calls to come, counts them, and fails when the host is destroyed', async () => {
    const host = testHost();
    const connection = await widget();
    const second = host.waitForCall('paid', 2);
    await connection.remote.paid({ orderId: 'A-1', amount: 1 });
    await connection.remote.paid({ orderId: 'A-2', amount: 2 });
    await expect(second).resolves.toEqual({ orderId: 'A-2', amount: 2 });
    const third = host.waitForCall('paid', 3);
    host.destroy();
    await expect(third).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('checks its options as mountWidget does, and a refused one leaves nothing running', () => {
    vi.useFakeTimers();
    try {
      const paid = () => undefined;
      expect(() => createTestHost(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
      expect(() => createTestHost({ contract: payment, origin: '*', methods: { paid } })).toThrow(/exact http\(s\) origin/);
      expect(() => createTestHost({ contract: payment, origin: 'https://shop.example/', methods: { paid } })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS' }),
      );
      expect(() => createTestHost({ contract: payment, origin: 'https://shop.example' } as never)).toThrow(/methods\.paid is missing/);
      expect(() => createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid }, extra: 1 } as never)).toThrow(
        /"extra" is not an option/,
      );
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves the real window out: a synthetic connect posted to the page reaches no widget', async () => {
    const started = startPaymentWidget();
    const { port1 } = new MessageChannel();
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { frameport: 'frameport/1', type: 'connect', nonce: 'x'.repeat(32) },
        origin: 'https://shop.example',
        ports: [port1],
      }),
    );
    const host = testHost();
    const connection = await started.connection;
    open.push(connection);
    await host.ready;
    // Neither taken nor even looked at: the widget handshakes through the kit's frame only.
    expect(Object.values(connection.stats().refused).every((count) => count === 0)).toBe(true);
  });
});
