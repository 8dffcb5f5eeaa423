import { describe, expect, it } from 'vitest';
import { pickWorker } from './pick.ts';

describe('pickWorker', () => {
  it('takes the least busy ready worker, the first on a tie', () => {
    expect(pickWorker([1, 0, 0], 2)).toBe(1);
    expect(pickWorker([0, 0], 1)).toBe(0);
    expect(pickWorker([1, 1, 0], 1)).toBe(2);
  });

  it('skips workers not ready yet (undefined) and full ones', () => {
    expect(pickWorker([undefined, 1, 0], 1)).toBe(2);
    expect(pickWorker([undefined, 0], 1)).toBe(1);
    expect(pickWorker([1, 1], 1)).toBe(-1);
    expect(pickWorker([undefined, undefined], 1)).toBe(-1);
    expect(pickWorker([], 1)).toBe(-1);
  });
});
