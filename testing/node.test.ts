import { afterEach, describe, expect, it } from 'vitest';
import { createTestGuest, createTestHost } from './index.ts';
import { connectToHost } from '../guest/index.ts';
import { payment, startPaymentWidget } from '../test/unit/paymentWidget.ts';

// Plain Node, no DOM: a widget's logic tested where most unit tests run by default.
const open: { destroy(): void }[] = [];
afterEach(() => {
  for (const each of open.splice(0)) each.destroy();
});

describe('frameport/testing in plain Node', () => {
  it('runs a widget whose connectToHost has no window, over a real MessageChannel and the real guard', async () => {
    expect(typeof window).toBe('undefined');
    const host = createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } });
    open.push(host);
    const widget = startPaymentWidget();
    const connection = await widget.connection;
    open.push(connection);
    await host.ready;

    await expect(host.remote.setAmount({ amount: 9, currency: 'USD' })).resolves.toBe('ok');
    expect(widget.shown()).toBe('9 USD');
    await expect(host.remote.setAmount({ amount: 9, currency: 'GBP' as 'USD' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await connection.remote.paid({ orderId: 'N-1', amount: 9 });
    expect(host.calls).toEqual([{ method: 'paid', input: { orderId: 'N-1', amount: 9 } }]);
  });

  it('a widget no test host answers fails with HANDSHAKE_TIMEOUT, its message made without a location', async () => {
    await expect(connectToHost({ allowedOrigins: ['https://nobody.example'], handshakeTimeout: 50 })).rejects.toMatchObject({
      code: 'HANDSHAKE_TIMEOUT',
      message: "no answer from https://nobody.example in 50 ms: does its mountWidget expect this widget's origin?",
    });
  });

  it('createTestGuest says it needs a DOM, where the app it tests runs', () => {
    expect(() =>
      createTestGuest({ contract: payment, origin: 'https://pay.example', methods: { setAmount: () => 'ok' as const } }),
    ).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_ENVIRONMENT' }));
  });
});
