import { describe, expect, it } from 'vitest';
import { widgetSrc } from './src.ts';

const page = 'https://shop.example/checkout/';

describe('widgetSrc: the widget URL a user wrote', () => {
  it.each([
    ['widget.example/pay', '"widget.example/pay"'],
    ['localhost:5171/widget.html', '"localhost:5171/widget.html"'],
    ['/widget.html', '"/widget.html"'],
    ['', '""'],
  ])('%j: INVALID_OPTIONS showing the value and saying to add https://', (src, shown) => {
    expect(() => widgetSrc(src, page)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        message: `src ${shown} has no protocol: add https:// (without it, it names this page's own origin)`,
      }),
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
