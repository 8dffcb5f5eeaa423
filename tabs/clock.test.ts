import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNewer, type Stamp } from './clock.ts';

/** What one tab keeps after receiving `writes` in this order. */
const winner = (writes: Stamp[]): Stamp | undefined =>
  writes.reduce<Stamp | undefined>((kept, write) => (isNewer(write, kept) ? write : kept), undefined);

describe('state versions (Lamport time, then tab id)', () => {
  it('orders by Lamport time first', () => {
    expect(isNewer({ c: 2, w: 'a' }, { c: 1, w: 'z' })).toBe(true);
    expect(isNewer({ c: 1, w: 'z' }, { c: 2, w: 'a' })).toBe(false);
  });

  it('breaks a tie by tab id, the same way in every tab', () => {
    expect(isNewer({ c: 3, w: 'b' }, { c: 3, w: 'a' })).toBe(true);
    expect(isNewer({ c: 3, w: 'a' }, { c: 3, w: 'b' })).toBe(false);
  });

  it('never replaces a version with itself (a repeated message changes nothing)', () => {
    expect(isNewer({ c: 3, w: 'a' }, { c: 3, w: 'a' })).toBe(false);
  });

  it('takes anything over nothing', () => {
    expect(isNewer({ c: 0, w: 'a' }, undefined)).toBe(true);
  });

  it('converges: every arrival order of the same writes keeps the same one', () => {
    const stamp = fc.record({ c: fc.nat(5), w: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(stamp, { minLength: 1, maxLength: 12 }), fc.func(fc.integer()), (writes, order) => {
        const shuffled = [...writes].sort((x, y) => order(x, y) - order(y, x));
        expect(winner(shuffled)).toEqual(winner(writes));
      }),
    );
  });
});
