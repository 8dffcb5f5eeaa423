import { describe, expect, it } from 'vitest';
import { parseAuthMessage, readParams } from './message.ts';

const message = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  frameport: 'frameport/1',
  type: 'auth-result',
  state: 'state-0123456789',
  url: 'https://app.example/callback?code=abc',
  params: { code: 'abc', state: 'state-0123456789' },
  ...extra,
});

describe('auth messages', () => {
  it('takes a well-formed answer, keeping a parameter named __proto__ a parameter', () => {
    const parsed = parseAuthMessage(message({ params: JSON.parse('{"code": "abc", "__proto__": "x"}') }));
    expect(parsed?.type).toBe('auth-result');
    const params = (parsed as { params: Record<string, string> }).params;
    expect(params.code).toBe('abc');
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
  });

  it.each([
    ['another protocol', message({ frameport: 'other' })],
    ['a non-string state', message({ state: 42 })],
    ['a parameter that is not a string', message({ params: { code: 1 } })],
    ['too many parameters', message({ params: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 'x'])) })],
    ['a huge URL', message({ url: `https://app.example/${'x'.repeat(9000)}` })],
    ['an unknown failure code', { frameport: 'frameport/1', type: 'auth-failed', state: 's', code: 'EVERYTHING_FINE' }],
    ['not an object', 'auth-result'],
  ])('refuses %s', (_, data) => {
    expect(parseAuthMessage(data)).toBeUndefined();
  });

  it('reads the query, then the fragment, and leaves the relay key out', () => {
    const url = new URL('https://app.example/cb?code=from-query&state=s#access_token=t&frameport-relay');
    expect({ ...readParams(url) }).toEqual({ code: 'from-query', state: 's', access_token: 't' });
  });
});
