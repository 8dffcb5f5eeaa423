import { describe, expect, it, vi } from 'vitest';
import { FrameportError } from './errors.ts';
import { marked, transfer } from './transfer.ts';

describe('transfer()', () => {
  it('returns the value itself, marked with a copy of its transferables', () => {
    const buffer = new ArrayBuffer(8);
    const list = [buffer];
    const value = { buffer };
    expect(transfer(value, list)).toBe(value);
    expect(marked(value)).toEqual([buffer]);
    list.pop();
    expect(marked(value)).toEqual([buffer]);
  });

  it('marks a transferable itself', () => {
    const buffer = new ArrayBuffer(8);
    expect(transfer(buffer, [buffer])).toBe(buffer);
    expect(marked(buffer)).toEqual([buffer]);
  });

  it('marks for every copy of the module: each script-tag bundle carries its own', async () => {
    vi.resetModules();
    const copy = await import('./transfer.ts');
    expect(copy.transfer).not.toBe(transfer);
    const buffer = new ArrayBuffer(8);
    copy.transfer(buffer, [buffer]);
    expect(marked(buffer)).toEqual([buffer]);
    const other = new ArrayBuffer(8);
    transfer(other, [other]);
    expect(copy.marked(other)).toEqual([other]);
  });

  it('refuses a value that cannot hold transferables (INVALID_INPUT)', () => {
    const buffer = new ArrayBuffer(8);
    for (const value of ['text', 42, null, undefined]) {
      expect(() => transfer(value, [buffer])).toThrow(FrameportError);
      expect(() => transfer(value, [buffer])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});
