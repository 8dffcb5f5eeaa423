import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControlMessage } from '../shared/protocol.ts';
import { watchLiveness } from './liveness.ts';

afterEach(() => {
  vi.useRealTimers();
});

function watch(): { sent: ControlMessage[]; dead: () => boolean; liveness: ReturnType<typeof watchLiveness> } {
  vi.useFakeTimers();
  const sent: ControlMessage[] = [];
  let isDead = false;
  const liveness = watchLiveness({ interval: 100, send: (message) => sent.push(message), onDead: () => (isDead = true) });
  return { sent, dead: () => isDead, liveness };
}

describe('liveness', () => {
  it('keeps a guest that answers its pings', () => {
    const { sent, dead, liveness } = watch();
    for (let tick = 0; tick < 10; tick += 1) {
      vi.advanceTimersByTime(100);
      const last = sent.at(-1);
      if (last?.type === 'ping') liveness.alive({ ...last, type: 'pong' });
    }
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

  it('ignores a pong for an older ping', () => {
    const { dead, liveness } = watch();
    vi.advanceTimersByTime(100);
    liveness.alive({ frameport: 'frameport/1', type: 'pong', seq: 0 });
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
