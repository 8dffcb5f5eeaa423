import { describe, expect, it } from 'vitest';
import { inspect } from './measure.ts';

const size = ['size', 'over maxBytes'];

describe('inspect: bounded size and prototype-key check of a received value', () => {
  it('lets plain data under the budget through', () => {
    const value = { items: [{ sku: 'A-1', qty: 2 }], at: new Date(0), tags: new Set(['x']), seen: new Map([['k', 1]]), n: null, big: 12n };
    expect(inspect(value, 1024)).toBeUndefined();
  });

  it('counts string characters and keys', () => {
    expect(inspect('x'.repeat(100), 200)).toBeUndefined();
    expect(inspect('x'.repeat(300), 200)).toEqual(size);
    expect(inspect({ ['k'.repeat(300)]: 1 }, 200)).toEqual(size);
  });

  it('sizes binary data by its byteLength, without reading it', () => {
    expect(inspect(new Uint8Array(100), 200)).toBeUndefined();
    expect(inspect(new Float64Array(1e6), 1024)).toEqual(size);
    expect(inspect(new ArrayBuffer(4096), 1024)).toEqual(size);
    // A small view over a large buffer sends the whole buffer.
    expect(inspect(new Uint8Array(new ArrayBuffer(1e6), 0, 1), 1024)).toEqual(size);
    expect(inspect(new Blob(['x'.repeat(2048)]), 1024)).toEqual(size);
  });

  it('stops a huge array or Map before walking it', () => {
    const huge = new Array(5e6).fill(0);
    let reads = 0;
    const watched = new Proxy(huge, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(inspect([watched], 1024)).toEqual(size);
    expect(reads).toBe(0);
    expect(inspect(new Map(Array.from({ length: 1000 }, (_, i) => [i, i])), 1024)).toEqual(size);
  });

  it('visits at most maxBytes / 8 values, however many there are', () => {
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    expect(inspect(wide, 1024)).toEqual(size);
    let deep: unknown = 0;
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(inspect(deep, 1024)).toEqual(size);
  });

  it('refuses an own __proto__ key at any depth', () => {
    const poisoned = JSON.parse('{"a":{"b":[{"__proto__":{"admin":true}}]}}') as unknown;
    expect(inspect(poisoned, 1024)).toEqual(['value', 'an own __proto__ key']);
    expect(inspect(JSON.parse('{"__proto__":1}'), 1024)).toEqual(['value', 'an own __proto__ key']);
    // A key that merely contains the word is fine.
    expect(inspect({ proto: 1, ['__proto__x']: 2 }, 1024)).toBeUndefined();
  });

  it('refuses values that are not plain data, which could hide their size', () => {
    expect(inspect(/x/, 1024)).toEqual(['value', 'not plain data']);
    expect(inspect({ nested: new String('x') }, 1024)).toEqual(['value', 'not plain data']);
    class Cart {
      items = 1;
    }
    expect(inspect(new Cart(), 1024)).toEqual(['value', 'not plain data']);
  });

  it('accepts objects without a prototype', () => {
    expect(inspect(Object.assign(Object.create(null) as object, { a: 1 }), 1024)).toBeUndefined();
  });
});
