import { FrameportError } from '../shared/errors.ts';
import type { PortPolicy } from '../shared/guard.ts';
import { refused, shareLimits, type ShareOutcome, type ShareRefusal } from '../shared/shareData.ts';
import type { Refusal } from '../shared/stats.ts';

/** What a widget may do about sharing: share itself (`allow`), ask the host (`delegate`), or neither. */
export type ShareMode = 'allow' | 'delegate' | false;

export function shareOption(value: unknown): ShareMode {
  if ([undefined, false, 'allow', 'delegate'].includes(value as ShareMode)) return (value as ShareMode | undefined) ?? false;
  throw new FrameportError('INVALID_OPTIONS', "share must be 'allow', 'delegate' or false");
}

// Types a share sheet hands to other apps. Not HTML or SVG: a file another app might render as
// a page runs whatever script a widget put in it. Apps that save a file keep its name, so a
// name that says HTML, SVG or script is refused too, whatever type it claims.
const fileType = /^(image\/(png|jpeg|gif|webp|avif)|(audio|video)\/.+|application\/pdf|text\/(plain|csv))$/;
const pageName = /\.(s?html?|xht(ml)?|svgz?|xml|m?js)$/i;

/**
 * The URL as the browser would share it, if it is http(s), names no user (a `user@` part makes
 * a sheet show another site's name first) and is within the limit once parsed (a non-ASCII
 * character can grow ninefold as it is encoded).
 */
// Not `httpHref` (shareData.ts): this needs the parsed URL's user part, and calling it then
// parsing again measured 17 B more on every host.
function sharedHref(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (/^https?:$/.test(url.protocol) && !url.username && !url.password && url.href.length <= shareLimits.url) return url.href;
  } catch {
    // Not a URL: refused below.
  }
  return undefined;
}

/**
 * Why a widget's share data may not be shared, or `undefined` if it may: only `title`, `text`,
 * `url` (absolute http(s), see `sharedHref`: the widget resolves its own) and `files`, each
 * within `shareLimits`, something not empty. `data` is the host's own structured clone of what the widget posted:
 * plain values nobody else holds, so it is checked and shared as it is, with no copy. Short
 * on words on purpose: every host ships this, whether its widgets share or not.
 */
export function checkShare(data: unknown): string | undefined {
  let bytes = 0;
  let length = 0;
  // One rule for every field: its length within its limit (characters, or files), then its kind.
  for (const [key, value] of Object.entries(data ?? 0) as [keyof typeof shareLimits, string | File[]][]) {
    const href = key === 'url' && typeof value === 'string' ? sharedHref(value) : undefined;
    const fits =
      key !== 'bytes' &&
      value?.length <= shareLimits[key] &&
      (key === 'files'
        ? // Spread: a hole in a cloned list is a file missing, not one skipped.
          Array.isArray(value) &&
          [...value].every(
            (file) =>
              file instanceof File && fileType.test(file.type) && !pageName.test(file.name) && (bytes += file.size) <= shareLimits.bytes,
          )
        : typeof value === 'string' && (key !== 'url' || href !== undefined));
    if (!fits) return `${key.slice(0, 32)}: not within shareLimits`;
    // What was checked is what is shared: the URL as parsed.
    if (href) (data as { url: string }).url = href;
    length += value.length;
  }
  return length ? undefined : 'nothing to share';
}

// Chromium's transient activation lasts 5 s. A share() that does not consume it (an older
// browser, a stub) would let one click share twice: the host keeps its own count.
const activationLifespan = 5000;

// One per page, not per widget: two widgets must not share twice on one click.
let sharedAt = -activationLifespan;

/**
 * Answers a widget's share requests (a `share` notice with one reply port). Only with
 * `delegate` does the host share, after its own checks: the data, its own user activation (a
 * click in the widget activates the host too), one share per activation, page-wide. The
 * activation does not say where the click was (on the page, or in another frame), and focus
 * does not either (a headless or unfocused window moves none): a widget may use a click made
 * elsewhere on the page within its 5 s, for one share of data the host checked. Every request
 * gets one answer, so the widget's `share()` settles; a rejection of `navigator.share` goes
 * back as its name and message, for the widget to read.
 */
export function answerShares(mode: ShareMode, refuse: (refusal: Refusal) => void): NonNullable<PortPolicy['notice']> {
  return ({ type, data }, [port, ...extra]) => {
    if (type !== 'share') return false;
    for (const each of extra) each.close();
    const answer = (outcome: ShareOutcome | { name: string; message: string }): true => {
      port?.postMessage(outcome);
      port?.close();
      return true;
    };
    // Counted like any refused call: a widget that asks in a loop meets the flood breaker.
    const no = (reason: ShareRefusal, message: string): true => {
      refuse({ reason: 'input', code: 'INVALID_INPUT', message: `share(): ${message}` });
      return answer(refused(reason, message));
    };
    // No reply port, no share: every share the host makes is answered.
    if (!port) return no('failed', 'no reply port');
    if (mode !== 'delegate') return no('not-allowed', 'not delegated');
    const invalid = checkShare(data);
    if (invalid) return no('invalid-data', invalid);
    if (!navigator.userActivation?.isActive || performance.now() - sharedAt < activationLifespan)
      return no('no-activation', 'one share per click');
    if (!navigator.share) return answer({ outcome: 'unsupported' });
    sharedAt = performance.now();
    // Taken: the widget stops waiting for a host that may not know delegation, and waits for the sheet.
    port.postMessage({ started: true });
    // In an async function: a share() that throws instead of rejecting is answered too.
    (async () => navigator.share(data as ShareData))().then(
      () => answer({ outcome: 'shared' }),
      (error: { name?: unknown; message?: unknown } | null) => answer({ name: String(error?.name), message: String(error?.message) }),
    );
    return true;
  };
}
