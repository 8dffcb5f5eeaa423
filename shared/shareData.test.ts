import { describe, expect, it } from 'vitest';
import { checkShare, outcomeOf, shareLimits } from './shareData.ts';

const file = (type: string, size = 4): File => new File([new Uint8Array(size)], 'f', { type });

describe('checkShare: what share() and a delegating host let through', () => {
  it('keeps the known fields, resolves a relative URL against the base, and copies the file list', () => {
    const files = [file('image/png')];
    const checked = checkShare({ title: 'Mug', text: 'Look', url: '/p/1', files }, 'https://shop.example/cart');
    expect(checked).toEqual({ title: 'Mug', text: 'Look', url: 'https://shop.example/p/1', files });
    expect(typeof checked !== 'string' && checked.files).not.toBe(files);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an unknown field', { title: 'x', onclick: 'y' }],
    ['a title too long', { title: 'x'.repeat(shareLimits.title + 1) }],
    ['a text that is not text', { text: 42 }],
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    ['a data: URL', { url: 'data:text/html,<script>alert(1)</script>' }],
    ['a relative URL without a base (the host)', { url: '/p/1' }],
    ['an HTML file', { files: [file('text/html')] }],
    ['an SVG file', { files: [file('image/svg+xml')] }],
    ['something that is not a file', { files: [{ name: 'f', type: 'image/png', size: 1 }] }],
    ['too many files', { files: Array.from({ length: shareLimits.files + 1 }, () => file('image/png')) }],
    ['files too large together', { files: [file('video/mp4', shareLimits.bytes), file('video/mp4', 1)] }],
    ['nothing to share', {}],
    ['only empty fields', { title: '', files: [] }],
  ])('refuses %s with a reason', (_, data) => {
    expect(checkShare(data)).toEqual(expect.any(String));
  });
});

describe('outcomeOf: what a rejection of navigator.share means', () => {
  it.each([
    [new DOMException('closed', 'AbortError'), { outcome: 'cancelled' }],
    [new DOMException('no', 'NotAllowedError'), { outcome: 'refused', reason: 'not-allowed', message: 'no' }],
    [new DOMException('open', 'InvalidStateError'), { outcome: 'refused', reason: 'busy', message: 'open' }],
    [new TypeError('bad'), { outcome: 'refused', reason: 'invalid-data', message: 'bad' }],
    [
      { name: 'toString', message: 'odd' },
      { outcome: 'refused', reason: 'failed', message: 'odd' },
    ],
    [undefined, { outcome: 'refused', reason: 'failed', message: 'undefined' }],
  ])('%s', (error, outcome) => {
    expect(outcomeOf(error)).toEqual(outcome);
  });
});
