import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import type { Handlers, Remote } from './contract.ts';
import { defineContract } from './contract.ts';
import { FrameportError } from './errors.ts';

const contract = defineContract({
  host: {
    pay: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.object({ id: z.string() }) },
    close: { input: z.undefined() },
  },
  guest: {
    setTheme: { input: zm.object({ dark: zm.boolean() }), output: zm.literal('ok') },
  },
});

describe('defineContract', () => {
  it('infers each side’s handlers and the other side’s remote from one object', () => {
    expectTypeOf<Handlers<typeof contract.host>['pay']>().parameter(0).toEqualTypeOf<{ amount: number; currency: 'EUR' | 'USD' }>();
    expectTypeOf<Remote<typeof contract.host>['pay']>().returns.toEqualTypeOf<Promise<{ id: string }>>();
    // A method whose input is undefined is called without an argument.
    expectTypeOf<Remote<typeof contract.host>['close']>().toBeCallableWith();
    expectTypeOf<Remote<typeof contract.host>['close']>().returns.toEqualTypeOf<Promise<unknown>>();
    expectTypeOf<Remote<typeof contract.guest>['setTheme']>().parameter(0).toEqualTypeOf<{ dark: boolean }>();
    expectTypeOf<Remote<typeof contract.guest>['setTheme']>().returns.toEqualTypeOf<Promise<'ok'>>();
  });

  it('keeps only the declared names: inherited ones are not methods', () => {
    expect(Object.getPrototypeOf(contract.host)).toBeNull();
    expect('toString' in contract.host).toBe(false);
    expect(Object.isFrozen(contract)).toBe(true);
  });

  it.each([
    ['a method without an input schema', { host: { m: {} }, guest: {} }],
    ['an output that is not a schema', { host: { m: { input: z.string(), output: 'string' } }, guest: {} }],
    ['a __proto__ method name', { host: JSON.parse('{"__proto__": {}}'), guest: {} }],
    ['a method name that is not an identifier', { host: { 'a.b': { input: z.string() } }, guest: {} }],
    ['a missing side', { host: {} }],
  ])('refuses %s with INVALID_OPTIONS', (_, given) => {
    expect(() => defineContract(given as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

describe('FrameportError', () => {
  it('is recognised across separately bundled copies of the class', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('frameport.error')]: true, code: 'DESTROYED' });
    expect(foreign instanceof FrameportError).toBe(true);
    expect(new Error('plain') instanceof FrameportError).toBe(false);
    expect(new FrameportError('CALL_TIMEOUT', 'late')).toMatchObject({ name: 'FrameportError', code: 'CALL_TIMEOUT' });
  });
});
