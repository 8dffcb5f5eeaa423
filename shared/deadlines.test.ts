import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeadlines } from './deadlines.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('deadlines on one timer', () => {
  it('expires each key at its own time, earliest first, whatever the order they came in', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const deadlines = createDeadlines();
    deadlines.add('late', 300, () => expired.push('late'));
    deadlines.add('early', 100, () => expired.push('early'));
    deadlines.add('gone', 200, () => expired.push('gone'));
    deadlines.delete('gone');
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['early']);
    vi.advanceTimersByTime(200);
    expect(expired).toEqual(['early', 'late']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clear() stops everything', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const deadlines = createDeadlines();
    deadlines.add('a', 50, () => expired.push('a'));
    deadlines.clear();
    vi.advanceTimersByTime(100);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
