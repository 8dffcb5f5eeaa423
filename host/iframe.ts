import { FrameportError } from '../shared/errors.ts';

/**
 * `allow-same-origin` keeps the guest's real origin, which the exact origin checks need; it is
 * safe only because the guest is cross-origin (see `createWidgetFrame`).
 */
export const defaultSandbox: readonly string[] = [
  'allow-scripts',
  'allow-same-origin',
  'allow-forms',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
];

export interface FrameOptions {
  /** The origins the guest may have (permissions are granted to these). */
  origins: readonly string[];
  /** The origin of `src`: the document that loads has it, whatever `origins` says. */
  srcOrigin: string;
  title: unknown;
  sandbox: unknown;
  allow: unknown;
  allowTopNavigation: unknown;
}

const feature = /^[a-z][a-z0-9-]*$/;

/** The standard tokens, for DOMs without `DOMTokenList.supports` (jsdom, where apps run their tests). */
const standardTokens = new Set([
  'allow-downloads',
  'allow-forms',
  'allow-modals',
  'allow-orientation-lock',
  'allow-pointer-lock',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-presentation',
  'allow-same-origin',
  'allow-scripts',
  'allow-storage-access-by-user-activation',
  'allow-top-navigation',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols',
]);

/** Builds the widget's iframe (without `src`: the caller listens first, then sets it). */
export function createWidgetFrame({
  origins,
  srcOrigin,
  title,
  sandbox = defaultSandbox,
  allow = [],
  allowTopNavigation,
}: FrameOptions): HTMLIFrameElement {
  if (typeof title !== 'string' || !title.trim()) {
    throw new FrameportError('INVALID_OPTIONS', 'title is required: screen readers announce the frame by it');
  }
  const iframe = document.createElement('iframe');
  const supported = (token: string): boolean =>
    typeof iframe.sandbox?.supports === 'function' ? iframe.sandbox.supports(token) : standardTokens.has(token);
  if (!Array.isArray(sandbox) || sandbox.some((token) => typeof token !== 'string' || !supported(token))) {
    throw new FrameportError('INVALID_OPTIONS', 'sandbox must be a list of sandbox tokens this browser supports');
  }
  const tokens = new Set<string>(sandbox);
  if (!tokens.has('allow-scripts') || !tokens.has('allow-same-origin')) {
    throw new FrameportError(
      'INVALID_OPTIONS',
      'sandbox needs allow-scripts (the guest runs frameport) and allow-same-origin (without it the guest has the opaque origin "null", which no origin check can accept)',
    );
  }
  // A same-origin document with scripts and allow-same-origin can reach into its parent and
  // remove its own sandbox attribute: the sandbox would be decoration. Both origins count: the
  // handshake checks the expected one, but the page that runs is the one `src` names.
  const own = [...origins, srcOrigin].find((origin) => origin === window.location.origin);
  if (own !== undefined) {
    throw new FrameportError(
      'UNSAFE_SANDBOX',
      `the guest is on this page's own origin (${own}): with allow-scripts and allow-same-origin it could escape the sandbox`,
    );
  }
  if (tokens.has('allow-top-navigation') && allowTopNavigation !== true) {
    throw new FrameportError(
      'UNSAFE_SANDBOX',
      'allow-top-navigation lets the widget navigate this page away; pass allowTopNavigation: true to ask for it by name, or use allow-top-navigation-by-user-activation',
    );
  }
  if (!Array.isArray(allow) || allow.some((name) => typeof name !== 'string' || !feature.test(name))) {
    throw new FrameportError('INVALID_OPTIONS', 'allow must be a list of permission-policy feature names such as "payment"');
  }
  iframe.setAttribute('sandbox', [...tokens].join(' '));
  // Each feature for the guest's origins only, whatever the frame navigates to later.
  if (allow.length) iframe.setAttribute('allow', allow.map((name: string) => `${name} ${origins.join(' ')}`).join('; '));
  iframe.title = title;
  iframe.referrerPolicy = 'strict-origin-when-cross-origin';
  iframe.style.border = '0';
  iframe.style.width = '100%';
  iframe.style.display = 'block';
  return iframe;
}
