import { describe, expect, it } from 'vitest';
import { shareLimits } from '../shared/shareData.ts';
import { checkShare } from './share.ts';

const file = (type: string, size = 4): File => new File([new Uint8Array(size)], 'f', { type });

describe('checkShare: what a delegating host lets a widget share', () => {
  it('shares the URL as the browser parsed it, not as the widget wrote it', () => {
    const data = { url: 'https://SHOP.example/a/../p/1' };
    expect(checkShare(data)).toBeUndefined();
    expect(data.url).toBe('https://shop.example/p/1');
  });

  it.each([
    ['every field', { title: 'Mug', text: 'Look', url: 'https://shop.example/p/1', files: [file('image/png'), file('application/pdf')] }],
    ['an http URL alone', { url: 'http://shop.example/' }],
    ['an empty field beside a full one', { title: '', text: 'Look' }],
    ['the limits exactly', { title: 'x'.repeat(shareLimits.title), files: [file('video/mp4', shareLimits.bytes)] }],
  ])('lets through %s', (_, data) => {
    expect(checkShare(data)).toBeUndefined();
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['a list', [{ title: 'x' }]],
    ['an unknown field', { title: 'x', onclick: 'y' }],
    ['a field named after a limit', { title: 'x', bytes: 'y' }],
    ['an inherited name', { title: 'x', toString: 'y' }],
    ['a __proto__ field of its own', JSON.parse('{ "title": "x", "__proto__": "y" }') as unknown],
    ['a title too long', { title: 'x'.repeat(shareLimits.title + 1) }],
    ['a text that is not text', { text: 42 }],
    ['a title that is a list', { title: ['x'] }],
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    ['a data: URL', { url: 'data:text/html,<script>alert(1)</script>' }],
    ['a relative URL (the widget resolves its own)', { url: '/p/1' }],
    ['a URL too long', { url: `https://shop.example/${'x'.repeat(shareLimits.url)}` }],
    ['an HTML file', { files: [file('text/html')] }],
    ['an SVG file', { files: [file('image/svg+xml')] }],
    ['an HTML file that claims to be an image', { files: [new File(['<script>'], 'invoice.html', { type: 'image/png' })] }],
    ['a script named as one, whatever its type', { files: [new File(['x'], 'run.mjs', { type: 'text/plain' })] }],
    ['a URL that names a user, so the sheet shows another site first', { url: 'https://shop.example@evil.example/' }],
    ['a URL within the limit as sent and over it once encoded', { url: `https://shop.example/${'é'.repeat(shareLimits.url / 4)}` }],
    ['something that is not a file', { files: [{ name: 'f', type: 'image/png', size: 1 }] }],
    ['a list with a hole', { title: 'x', files: Object.assign([file('image/png')], { 2: file('image/png') }) }],
    ['files that are a string', { files: 'f' }],
    ['files that only look like a list', { title: 'x', files: { length: -1 } }],
    ['too many files', { files: Array.from({ length: shareLimits.files + 1 }, () => file('image/png')) }],
    ['files too large together', { files: [file('video/mp4', shareLimits.bytes), file('video/mp4', 1)] }],
    ['nothing to share', {}],
    ['only empty fields', { title: '', files: [] }],
  ])('refuses %s with a reason', (_, data) => {
    expect(checkShare(data)).toEqual(expect.any(String));
  });
});
