import { describe, expect, it } from 'vitest';
import { widgetSrc } from './src.ts';

const page = 'https://shop.example/checkout/';

describe('widgetSrc: the widget URL a user wrote', () => {
  it.each([
    ['widget.example/pay', '"widget.example/pay" has no protocol: add https://, as in "https://widget.example/pay"'],
    [
      'localhost:5171/widget.html',
      '"localhost:5171/widget.html" has no protocol: add https://, as in "https://localhost:5171/widget.html"',
    ],
    ['  pay.example  ', '"pay.example" has no protocol'],
    ['/widget.html', `"/widget.html" is relative, so on this page's own origin`],
    ['./widget.html', `"./widget.html" is relative`],
  ])('%j: INVALID_OPTIONS saying what is missing, with the value', (src, message) => {
    expect(() => widgetSrc(src, page)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(message) }),
    );
  });

  it('shows at most 100 characters of the value', () => {
    const long = `pay.example/${'a'.repeat(10_000)}`;
    let message = '';
    try {
      widgetSrc(long, page);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('has no protocol');
    expect(message.length).toBeLessThan(300);
  });

  it('takes absolute http(s) URLs, URL objects and protocol-relative ones', () => {
    expect(widgetSrc('https://pay.example/widget', page).href).toBe('https://pay.example/widget');
    expect(widgetSrc(new URL('http://pay.example:8080/w'), page).origin).toBe('http://pay.example:8080');
    expect(widgetSrc('//pay.example/widget', page).href).toBe('https://pay.example/widget');
  });

  it('still refuses other schemes and non-strings as not http(s)', () => {
    for (const src of ['javascript:alert(1)', 'data:text/html,hi', 42, undefined]) {
      expect(() => widgetSrc(src, page)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('http(s) URL') }),
      );
    }
  });
});
