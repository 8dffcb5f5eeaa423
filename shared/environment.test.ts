import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from '../guest/connectToHost.ts';
import { mountWidget } from '../host/mountWidget.ts';

// What a server-rendered app sees when its code calls frameport before the page exists.
describe('on a server (Node, no DOM)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('mountWidget throws UNSUPPORTED_ENVIRONMENT and leaves no timer', () => {
    vi.useFakeTimers();
    // A stand-in container: what matters is that no DOM exists to put a frame in.
    const options = { container: {} as Element, src: 'https://pay.example/widget.html', title: 'Card payment' };
    expect(() => mountWidget(options)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_ENVIRONMENT', message: expect.stringContaining('runs in a browser') }),
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('connectToHost rejects with UNSUPPORTED_ENVIRONMENT and leaves no timer', async () => {
    vi.useFakeTimers();
    const connecting = connectToHost({ allowedOrigins: ['https://shop.example'] });
    await expect(connecting).rejects.toMatchObject({
      code: 'UNSUPPORTED_ENVIRONMENT',
      message: expect.stringContaining('runs in a browser'),
    });
    expect(vi.getTimerCount()).toBe(0);
  });
});
