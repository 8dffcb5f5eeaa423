// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createWidgetFrame, defaultSandbox } from './iframe.ts';

const guestOrigin = 'https://pay.example';
const frame = (options: Record<string, unknown> = {}): HTMLIFrameElement =>
  createWidgetFrame({
    origins: [guestOrigin],
    srcOrigin: guestOrigin,
    title: 'Card payment',
    sandbox: undefined,
    allow: undefined,
    allowTopNavigation: undefined,
    ...options,
  });
const codeOf = (make: () => unknown): string => {
  try {
    make();
    return 'created';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('the widget frame', () => {
  it('gets the default sandbox, its title, and no permissions unless named', () => {
    const iframe = frame();
    expect(iframe.getAttribute('sandbox')).toBe(defaultSandbox.join(' '));
    expect(iframe.title).toBe('Card payment');
    expect(iframe.getAttribute('allow')).toBeNull();
    expect(iframe.getAttribute('src')).toBeNull();
  });

  it('grants named features to the guest origin only', () => {
    expect(frame({ allow: ['payment', 'clipboard-write'] }).getAttribute('allow')).toBe(
      `payment ${guestOrigin}; clipboard-write ${guestOrigin}`,
    );
  });

  it('grants them to every listed origin when the guest may have several', () => {
    const other = 'https://pay2.example';
    expect(frame({ origins: [guestOrigin, other], allow: ['payment'] }).getAttribute('allow')).toBe(`payment ${guestOrigin} ${other}`);
  });

  it.each([
    ['a guest on this page’s own origin', { origins: [window.location.origin], srcOrigin: window.location.origin }, 'UNSAFE_SANDBOX'],
    // Another site named as `origin` does not make a `src` on this page's origin safe.
    ['a src on this page’s own origin, whatever origin says', { srcOrigin: window.location.origin }, 'UNSAFE_SANDBOX'],
    // Every listed origin counts: the frame may end up on any of them.
    ['this page’s own origin second in a list', { origins: [guestOrigin, window.location.origin] }, 'UNSAFE_SANDBOX'],
    ['allow-top-navigation not asked for by name', { sandbox: [...defaultSandbox, 'allow-top-navigation'] }, 'UNSAFE_SANDBOX'],
    ['a sandbox without allow-same-origin', { sandbox: ['allow-scripts'] }, 'INVALID_OPTIONS'],
    ['a sandbox without allow-scripts', { sandbox: ['allow-same-origin'] }, 'INVALID_OPTIONS'],
    ['an unknown sandbox token', { sandbox: [...defaultSandbox, 'allow-everything'] }, 'INVALID_OPTIONS'],
    ['a feature list smuggling an allowlist', { allow: ['payment *; camera'] }, 'INVALID_OPTIONS'],
    ['an empty title', { title: '  ' }, 'INVALID_OPTIONS'],
  ])('refuses %s', (_, options, code) => {
    expect(codeOf(() => frame(options))).toBe(code);
  });

  it('takes allow-top-navigation when asked for by name', () => {
    const iframe = frame({ sandbox: [...defaultSandbox, 'allow-top-navigation'], allowTopNavigation: true });
    expect(iframe.getAttribute('sandbox')).toContain('allow-top-navigation');
  });
});
