import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchLiveness } from './liveness.ts';

afterEach(() => {
  vi.useRealTimers();
});

function watch(): { pings: () => number; dead: () => boolean; liveness: ReturnType<typeof watchLiveness> } {
  vi.useFakeTimers();
  let pings = 0;
  let isDead = false;
  const liveness = watchLiveness({ interval: 100, ping: () => (pings += 1), onDead: () => (isDead = true) });
  return { pings: () => pings, dead: () => isDead, liveness };
}

describe('liveness', () => {
  it('keeps a guest that answers its pings', () => {
    const { pings, dead, liveness } = watch();
    for (let tick = 0; tick < 10; tick += 1) {
      vi.advanceTimersByTime(100);
      liveness.alive();
    }
    expect(pings()).toBe(10);
    expect(dead()).toBe(false);
    liveness.stop();
  });

  it('declares a silent guest gone after three missed pings, counted per ping rather than by the clock', () => {
    const { dead, liveness } = watch();
    vi.advanceTimersByTime(300);
    expect(dead()).toBe(false);
    vi.advanceTimersByTime(100);
    expect(dead()).toBe(true);
    liveness.stop();
  });

  it('counts what was heard before a ping for that ping only', () => {
    const { dead, liveness } = watch();
    liveness.alive();
    vi.advanceTimersByTime(100);
    vi.advanceTimersByTime(300);
    expect(dead()).toBe(true);
  });

  it('after a load, one missed ping decides', () => {
    const { dead, liveness } = watch();
    liveness.probe();
    vi.advanceTimersByTime(100);
    expect(dead()).toBe(true);
  });
});
