// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createResizer, resizeOption } from './resize.ts';

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

describe('host resizing', () => {
  it('applies only the latest report of a frame, within the limits, and says so once', async () => {
    const iframe = document.createElement('iframe');
    const applied: unknown[] = [];
    const resizer = createResizer(iframe, resizeOption({ minHeight: 50, maxHeight: 600 })!, (size) => applied.push(size));
    resizer.request({ height: 100 });
    resizer.request({ height: 5000 });
    await nextFrame();
    expect(iframe.style.height).toBe('600px');
    resizer.request({ height: 10 });
    await nextFrame();
    expect(iframe.style.height).toBe('50px');
    resizer.request({ height: 10 });
    await nextFrame();
    expect(applied).toEqual([{ height: 600 }, { height: 50 }]);
    resizer.stop();
  });

  it('sets the width only when the guest reports one', async () => {
    const iframe = document.createElement('iframe');
    const resizer = createResizer(iframe, resizeOption(undefined)!, () => undefined);
    resizer.request({ height: 120 });
    await nextFrame();
    expect(iframe.style.width).toBe('');
    resizer.request({ height: 120, width: 333 });
    await nextFrame();
    expect(iframe.style.width).toBe('333px');
  });

  it('can be turned off, and refuses limits that cannot hold', () => {
    expect(resizeOption(false)).toBeUndefined();
    for (const bad of [{ minHeight: -1 }, { maxHeight: Infinity }, { minHeight: 10, maxHeight: 5 }, { maxWidth: Number.NaN }, 'tall']) {
      expect(() => resizeOption(bad)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
  });
});
