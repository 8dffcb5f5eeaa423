// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from './connectToHost.ts';
import { guestStage } from './stage.ts';

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

// Without frameport/testing, nothing stands in for the page: a widget in jsdom handshakes with
// the real window, whose synthetic (untrusted) messages are refused as in a browser.
afterEach(() => {
  vi.restoreAllMocks();
});

describe('connectToHost without the test kit', () => {
  it('has no stand-in, and refuses a synthetic connect that carries the right nonce and origin', async () => {
    expect(guestStage.page).toBeUndefined();
    // Framed: the parent is another window (an iframe's, standing in for the host page).
    const frame = document.body.appendChild(document.createElement('iframe'));
    const parent = frame.contentWindow!;
    vi.spyOn(window, 'parent', 'get').mockReturnValue(parent);
    const readies: { nonce: string }[] = [];
    vi.spyOn(parent, 'postMessage').mockImplementation((message: unknown) => void readies.push(message as { nonce: string }));
    const logged: unknown[][] = [];
    vi.spyOn(console, 'debug').mockImplementation((...args: unknown[]) => void logged.push(args));
    const connecting = connectToHost({ allowedOrigins: ['https://shop.example'], handshakeTimeout: 200, debug: true });
    const [ready] = readies;
    expect(ready).toMatchObject({ frameport: 'frameport/1', type: 'ready' });
    const { port1 } = new MessageChannel();
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { frameport: 'frameport/1', type: 'connect', nonce: ready!.nonce },
        origin: 'https://shop.example',
        source: parent,
        ports: [port1],
      }),
    );
    expect(logged).toContainEqual(['[frameport:guest]', 'refused', expect.objectContaining({ reason: 'source' })]);
    await expect(connecting).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
    port1.close();
    frame.remove();
  });
});
