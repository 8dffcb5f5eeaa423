import { describe, expect, it } from 'vitest';

// A server-rendered app imports the element's module with the rest of its client code.
describe('frameport/element on a server (Node, no DOM)', () => {
  it('imports without throwing and defines nothing', async () => {
    expect(typeof globalThis.customElements).toBe('undefined');
    const entry = await import('./index.ts');
    expect(entry.tagName).toBe('frameport-widget');
    expect(typeof entry.FrameportWidgetElement).toBe('function');
  });
});
