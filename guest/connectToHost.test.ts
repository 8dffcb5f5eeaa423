// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from './connectToHost.ts';
import { guestStage } from './stage.ts';

// Without frameport/testing, nothing stands in for the page: a widget in jsdom handshakes with
// the real window, whose synthetic (untrusted) messages are refused as in a browser.
afterEach(() => {
  vi.restoreAllMocks();
});

describe('connectToHost without the test kit', () => {
  it('has no stand-in, and refuses a synthetic connect that carries the right nonce and origin', async () => {
    expect(guestStage.page).toBeUndefined();
    const readies: { nonce: string }[] = [];
    vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => void readies.push(message as { nonce: string }));
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
        source: window,
        ports: [port1],
      }),
    );
    expect(logged).toContainEqual(['[frameport:guest]', 'refused', expect.objectContaining({ reason: 'source' })]);
    await expect(connecting).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
    port1.close();
  });
});
