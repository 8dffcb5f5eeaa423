// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { connectToHost } from './connectToHost.ts';

// A widget's own unit tests run it top-level in jsdom: it must say so at once, not wait ten seconds.
describe('connectToHost outside a frame', () => {
  it('rejects at once with UNSUPPORTED_ENVIRONMENT, starts nothing, and logs why with debug', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const listen = vi.spyOn(window, 'addEventListener');
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const message = 'not in a frame: connectToHost runs in the widget iframe';
    await expect(connectToHost({ allowedOrigins: ['https://shop.example'], handshakeTimeout: 600_000, debug: true })).rejects.toMatchObject(
      {
        code: 'UNSUPPORTED_ENVIRONMENT',
        message,
      },
    );
    expect(debug).toHaveBeenCalledWith('[frameport:guest]', 'handshake failed:', message);
    expect(listen).not.toHaveBeenCalled();
    expect(timers).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('still refuses bad options first, as INVALID_OPTIONS', async () => {
    await expect(connectToHost({ allowedOrigins: ['https://shop.example/'] })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
