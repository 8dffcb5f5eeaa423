// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import { mountWidget } from './mountWidget.ts';

// What an app's own component tests see, in jsdom with no guest behind the frame.
describe('mountWidget in a DOM without a guest', () => {
  const contract = defineContract({ host: {}, guest: { ping: { input: z.undefined() } } });

  it('mounts the frame at once, times the handshake out, and destroy() leaves nothing', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const widget = mountWidget({
      container,
      src: 'https://pay.example/widget.html',
      title: 'Card payment',
      contract,
      handshakeTimeout: 30,
      callTimeout: 30,
    });
    const errors: string[] = [];
    widget.on('error', (error) => errors.push(error.code));
    expect(container.querySelector('iframe')).toBe(widget.iframe);
    expect(widget.iframe.src).toBe('https://pay.example/widget.html');
    await expect(widget.ready).rejects.toMatchObject({ code: 'HANDSHAKE_TIMEOUT' });
    await expect(widget.remote.ping()).rejects.toMatchObject({ code: 'CALL_TIMEOUT' });
    expect(errors).toEqual(['HANDSHAKE_TIMEOUT']);
    widget.destroy();
    expect(container.querySelector('iframe')).toBeNull();
    await expect(widget.remote.ping()).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('throws INVALID_OPTIONS at once for options that cannot work', () => {
    const container = document.createElement('div');
    for (const options of [
      { container, src: 'javascript:alert(1)', title: 'x' },
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
