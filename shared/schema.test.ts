import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { isSchema, validate } from './schema.ts';

describe('validate (Standard Schema v1)', () => {
  it('returns the checked value of zod classic, zod/mini and valibot schemas', () => {
    expect(validate(z.object({ a: z.number() }), { a: 1, b: 2 })).toEqual({ ok: true, value: { a: 1 } });
    expect(validate(zm.object({ a: zm.number() }), { a: 1, b: 2 })).toEqual({ ok: true, value: { a: 1 } });
    expect(validate(v.object({ a: v.number() }), { a: 1, b: 2 })).toEqual({ ok: true, value: { a: 1 } });
  });

  it('describes failures by path and kind, never by value', () => {
    const secret = '4242 4242 4242 4242';
    const zod = validate(z.object({ card: z.object({ number: z.number() }) }), { card: { number: secret } });
    expect(zod).toEqual({ ok: false, message: 'card.number: invalid_type (expected number)' });
    // valibot's own message quotes the value ("Invalid type: Expected number but received \\"4242...\\"").
    const valibot = validate(v.object({ card: v.object({ number: v.number() }) }), { card: { number: secret } });
    expect(valibot).toEqual({ ok: false, message: 'card.number: number (expected number)' });
  });

  it('shows attacker-chosen keys in a path, but short', () => {
    const result = validate(z.record(z.string(), z.number()), { ['k'.repeat(1000)]: 'x' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.length).toBeLessThan(100);
  });

  it('refuses a schema that answers asynchronously, and one that throws', () => {
    expect(
      validate(
        z.string().refine(async () => true),
        'x',
      ),
    ).toMatchObject({ ok: false });
    const throwing = {
      '~standard': {
        version: 1,
        vendor: 'x',
        validate: () => {
          throw new Error('boom');
        },
      },
    } as const;
    expect(validate(throwing, 'x')).toEqual({ ok: false, message: 'the schema threw while checking this value' });
  });

  it('knows a Standard Schema from anything else', () => {
    expect(isSchema(z.string())).toBe(true);
    expect(isSchema(v.string())).toBe(true);
    expect(isSchema({ '~standard': { version: 2, validate: () => undefined } })).toBe(false);
    expect(isSchema({ parse: () => undefined })).toBe(false);
    expect(isSchema(null)).toBe(false);
  });
});
