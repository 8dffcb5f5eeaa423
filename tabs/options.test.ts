import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { FrameportError } from '../shared/errors.ts';
import { parseOptions, type TabChannelOptions, type Topics } from './options.ts';

const cart = { kind: 'state', schema: z.object({ items: z.number() }) } as const;
const parse = (name: unknown, options: unknown) => parseOptions(name, options as TabChannelOptions<Topics>);
const refusal = (name: unknown, options: unknown): string => {
  try {
    parse(name, options);
  } catch (error) {
    expect(error).toBeInstanceOf(FrameportError);
    expect((error as FrameportError).code).toBe('INVALID_OPTIONS');
    return (error as FrameportError).message;
  }
  throw new Error('accepted');
};

describe('createTabChannel options', () => {
  it('takes topics and fills in the defaults', () => {
    const { topics, rate, maxBytes } = parse('shop', { topics: { cart, login: { kind: 'event', schema: z.string() } } });
    expect([...topics.keys()]).toEqual(['cart', 'login']);
    expect(rate).toEqual({ burst: 100, perSecond: 50 });
    expect(maxBytes).toBe(65_536);
  });

  it('takes no topics at all, for a channel used only to elect a leader', () => {
    expect(parse('token-refresh', { topics: {} }).topics.size).toBe(0);
  });

  it('turns both rate limits off with false', () => {
    expect(parse('shop', { topics: {}, rateLimit: false }).rate).toEqual({ burst: Infinity, perSecond: 0 });
  });

  it.each([
    ['an unknown option', 'shop', { topics: {}, rate: 5 }, /"rate" is not an option/],
    ['an unknown rateLimit key', 'shop', { topics: {}, rateLimit: { rate: 5 } }, /rateLimit\."rate" is not an option/],
    ['an unknown topic key', 'shop', { topics: { cart: { ...cart, initial: 0 } } }, /topics\.cart\."initial" is not an option/],
    ['no options', 'shop', undefined, /options/],
    ['no topics', 'shop', {}, /topics/],
    ['a name that is not a string', 42, { topics: {} }, /name/],
    ['an empty name', '', { topics: {} }, /name/],
    ['a topic without a schema', 'shop', { topics: { cart: { kind: 'state' } } }, /topics\.cart/],
    ['a topic with a plain object for a schema', 'shop', { topics: { cart: { kind: 'state', schema: { parse() {} } } } }, /topics\.cart/],
    ['a topic of an unknown kind', 'shop', { topics: { cart: { ...cart, kind: 'stream' } } }, /topics\.cart/],
    ['a topic named like a channel event', 'shop', { topics: { refused: cart } }, /topics\.refused/],
    ['a topic named __proto__', 'shop', JSON.parse('{"topics":{"__proto__":{}}}') as unknown, /topics\.__proto__/],
    ['a negative burst', 'shop', { topics: {}, rateLimit: { burst: -1 } }, /rateLimit/],
    ['NaN per second', 'shop', { topics: {}, rateLimit: { perSecond: NaN } }, /rateLimit/],
    ['rateLimit true', 'shop', { topics: {}, rateLimit: true }, /rateLimit/],
    ['a fractional maxBytes', 'shop', { topics: {}, maxBytes: 1.5 }, /maxBytes/],
    ['a tiny maxBytes', 'shop', { topics: {}, maxBytes: 8 }, /maxBytes/],
    ['a string for debug', 'shop', { topics: {}, debug: 'yes' }, /debug/],
  ])('refuses %s with INVALID_OPTIONS', (_what, name, options, message) => {
    expect(refusal(name, options)).toMatch(message);
  });
});
