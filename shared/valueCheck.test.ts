import { describe, expect, it } from 'vitest';
import { maxNodes, valueProblem } from './valueCheck.ts';

const smuggled = (): unknown => JSON.parse('{"__proto__": {"polluted": true}}');

describe('the value check every received input and result gets', () => {
  it('passes ordinary values, cycles included', () => {
    const node: Record<string, unknown> = { list: [1, 'two', { three: 3 }], when: new Date(0) };
    node.self = node;
    expect(valueProblem(node)).toBeUndefined();
    expect(valueProblem('text')).toBeUndefined();
    expect(valueProblem(null)).toBeUndefined();
  });

  it.each([
    ['a plain object', () => smuggled()],
    ['a nested object', () => ({ a: { b: [smuggled()] } })],
    ['an array’s named property', () => Object.assign([1, 2], { extra: smuggled() })],
    ['a Map key', () => new Map([[smuggled(), 1]])],
    ['a Map value', () => new Map([['k', smuggled()]])],
    ['a Set member', () => new Set([smuggled()])],
  ])('finds an own __proto__ key in %s', (_, make) => {
    expect(valueProblem(make())).toBe('an own "__proto__" key');
  });

  it('never walks binary data, however large', () => {
    const huge = new Uint8Array(64 * 1024 * 1024);
    expect(valueProblem({ huge, view: new DataView(huge.buffer), buffer: huge.buffer, blob: new Blob(['x']) })).toBeUndefined();
  });

  it(`refuses more than ${maxNodes} values rather than walk them`, () => {
    expect(valueProblem(Array.from({ length: maxNodes - 1 }, (_, n) => n))).toBeUndefined();
    expect(valueProblem(Array.from({ length: maxNodes + 1 }, (_, n) => n))).toMatch(/more than 10000 values/);
    expect(valueProblem(new Map(Array.from({ length: maxNodes }, (_, n) => [n, n])))).toMatch(/more than/);
    // A sparse array costs its length: a schema walks every index, holes included.
    const sparse: unknown[] = [];
    sparse[2 ** 32 - 2] = 1;
    expect(valueProblem(sparse)).toMatch(/more than/);
    expect(valueProblem({ list: Object.assign([], { length: maxNodes }) })).toMatch(/more than/);
  });
});
