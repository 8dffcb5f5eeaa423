import type { HostConnection } from '../guest/connectToHost.ts';
import { reachGuard, type GuardReach } from '../guest/reach.ts';
import type { Contract } from '../shared/contract.ts';
import { PROTOCOL } from '../shared/protocol.ts';
import { outcomeOf, refused, type ShareInput, type ShareOutcome } from '../shared/shareData.ts';

/**
 * `share`'s options: in a widget, the host connection to ask when the frame may not share; on a
 * page, whether to fall back to the clipboard.
 *
 * @example
 * ```ts
 * import { share, type ShareOptions } from 'frameport/share';
 *
 * declare const shareButton: HTMLButtonElement;
 * // Only the share sheet: no clipboard copy where Web Share is missing.
 * const options: ShareOptions = { copy: false };
 * shareButton.addEventListener('click', async () => {
 *   const { outcome } = await share({ url: '/products/blue-mug' }, options);
 *   if (outcome === 'unsupported') shareButton.hidden = true;
 * });
 * ```
 */
export interface ShareOptions {
  /**
   * In a widget: the connection from `connectToHost`. When this frame may not share itself (no
   * `allow="web-share"`, or no Web Share at all), the host is asked to share for it; it does if
   * it mounted the widget with `share: 'delegate'`, and answers `refused` otherwise.
   *
   * @example
   * ```ts
   * import { connectToHost } from 'frameport/guest';
   * import { share } from 'frameport/share';
   *
   * declare const shareButton: HTMLButtonElement;
   * const host = await connectToHost({ allowedOrigins: ['https://shop.example'] });
   * shareButton.addEventListener('click', () => void share({ url: '/offer' }, { host }));
   * ```
   */
  host?: HostConnection<Contract>;
  /** Without Web Share (and no host to ask), copy the URL (or the text) to the clipboard. Default true. */
  copy?: boolean;
}

type FeaturePolicy = { features(): string[]; allowsFeature(name: string): boolean };

/**
 * Whether this frame may open the share sheet: `navigator.share` exists and the permission
 * policy, where the browser reports it, allows `web-share` (a cross-origin frame needs
 * `allow="web-share"`; without it Chromium's share() rejects with NotAllowedError).
 */
function mayShare(): boolean {
  const policy = (document as { featurePolicy?: FeaturePolicy }).featurePolicy;
  return !!navigator.share && !(policy?.features().includes('web-share') && !policy.allowsFeature('web-share'));
}

/**
 * `data` as it goes to the sheet, the host or the clipboard: a copy with its URL resolved
 * against this page (a `TypeError` if it is none). The only check here: the browser checks
 * what this frame shares (`navigator.canShare`, `navigator.share`), and a delegating host
 * checks what it is asked to share (`shareLimits`), since a widget's word counts for nothing
 * there; checking again here would protect nobody but the caller from itself. The URL is
 * resolved here because nobody else can: the host would resolve it against itself, and the
 * clipboard not at all.
 */
function resolved(data: ShareInput): ShareData {
  const copy = { ...data };
  if (copy.url !== undefined) copy.url = new URL(copy.url, document.baseURI).href;
  return copy as ShareData;
}

/**
 * Whether `share(data)` would open this frame's own share sheet: Web Share is here and allowed
 * in this frame, any URL resolves against the page, and the browser says it can share the data,
 * files included (`navigator.canShare`; a browser without it: any data without files). False
 * where this frame may not share (as far as the browser reports its permission policy), even if
 * `share` would copy the link, or a delegating host would share it: whether a host shares, and
 * whether the data is within its `shareLimits`, only its answer to `share` tells, so a widget
 * without `allow="web-share"` shows its button anyway.
 *
 * @example
 * ```ts
 * import { canShare } from 'frameport/share';
 *
 * declare const photo: File;
 * declare const shareButton: HTMLButtonElement;
 * shareButton.hidden = !canShare({ title: 'Blue mug', files: [photo] });
 * ```
 */
export function canShare(data: ShareInput): boolean {
  try {
    const shared = resolved(data);
    return mayShare() && (navigator.canShare?.(shared) ?? !shared.files);
  } catch {
    // Outside a browser, a URL that is none, or data the browser's canShare throws on (files that are not files).
    return false;
  }
}

/**
 * Shares through the system's share sheet and resolves to how it went; it never rejects.
 * `shared`; `cancelled` when the user closed the sheet (AbortError, not a failure); `copied`
 * when Web Share is missing and the link went to the clipboard instead; `unsupported`; or
 * `refused` with a `reason` and a `message`: invalid data, no user activation (call it from the
 * click handler, before any slow `await`), not allowed in this frame, or busy.
 *
 * The data is checked by whoever shares it: this browser (`navigator.canShare`, then
 * `navigator.share`) when this frame shares, the host (`shareLimits`) when it shares for a
 * widget. In a widget, pass `{ host }` (the `connectToHost` connection) so that the host can
 * share on its behalf when the frame may not.
 *
 * @example
 * ```ts
 * import { share } from 'frameport/share';
 *
 * declare const button: HTMLButtonElement;
 * button.onclick = async () => {
 *   // No `await` before share(): the click's user activation is what lets it open the sheet.
 *   const result = await share({ title: 'Blue mug', url: '/products/blue-mug' });
 *   if (result.outcome === 'refused') console.warn(result.reason, result.message);
 * };
 * ```
 */
export function share(data: ShareInput, options: ShareOptions = {}): Promise<ShareOutcome> {
  // Whatever goes wrong (an odd browser, a throwing getter in `data`) is an outcome too.
  return attempt(data, options).catch(outcomeOf);
}

async function attempt(data: ShareInput, { host, copy = true }: ShareOptions): Promise<ShareOutcome> {
  // Outside a browser, `document` and `navigator` throw here, and share() resolves `failed`;
  // a URL that is none throws a TypeError, and share() resolves `invalid-data`.
  const shared = resolved(data);
  // The common bug: a slow `await` (a fetch) between the click and share() lets the activation
  // expire, and the browser's NotAllowedError does not say why.
  if (navigator.userActivation?.isActive === false)
    return refused('no-activation', 'call share() in the click handler, before any slow await');
  if (mayShare()) {
    // The browser checks the actual data, files included (and throws a TypeError on what is no
    // ShareData at all, which outcomeOf reads as invalid-data).
    if (navigator.canShare?.(shared) === false) return refused('invalid-data', 'navigator.canShare says no');
    try {
      await navigator.share(shared);
      return { outcome: 'shared' };
    } catch (error) {
      const outcome = outcomeOf(error);
      // Not allowed here (a policy this browser does not report): the host may share for us.
      if (!host || (outcome as { reason?: string }).reason !== 'not-allowed') return outcome;
    }
  }
  if (host) return askHost(host, shared);
  // The clipboard gets no checks from a browser: only an http(s) link goes there.
  if (shared.url && !/^https?:/.test(shared.url)) return refused('invalid-data', 'only an http(s) URL is copied');
  const link = shared.url ?? shared.text;
  if (copy && link) {
    try {
      await navigator.clipboard.writeText(link);
      return { outcome: 'copied' };
    } catch {
      // No clipboard (an insecure page) or no permission in this frame: nothing left to try.
    }
  }
  return { outcome: 'unsupported' };
}

/** How long the host has to answer or start sharing: longer than a user activation lasts (5 s). */
const answerWithin = 10_000;
/** How long a host's share sheet may stay open before the widget stops waiting for its answer. */
const sheetOpenFor = 600_000;

/**
 * Sends the data to the host with a port of its own for the answer, and waits for that one
 * answer (read by `outcomeOf`, never trusted) or the end of the link. The host checks the data.
 */
function askHost(host: HostConnection<Contract>, data: ShareData): ShareOutcome | Promise<ShareOutcome> {
  const port = (host as unknown as Record<symbol, GuardReach | undefined>)[reachGuard]?.();
  if (!port) return refused('failed', 'not connected to the host');
  const { port1, port2 } = new MessageChannel();
  // First: data that cannot be cloned (a function in it) throws a DataCloneError here, before
  // anything waits; both ends are closed, and the error read as invalid data.
  try {
    port.postMessage({ frameport: PROTOCOL, type: 'share', data }, [port2]);
  } catch (error) {
    port1.close();
    port2.close();
    throw error;
  }
  return new Promise((resolve) => {
    const done = (outcome: ShareOutcome): void => {
      clearTimeout(silent);
      off();
      port1.close();
      resolve(outcome);
    };
    const unanswered = (): void => done(refused('failed', 'the host did not answer'));
    const off = host.on('disconnect', unanswered);
    // A host answers at once, or says it started; one that does neither (a frameport without
    // delegation drops the request) would leave the user's click waiting for ever. One that
    // started has the sheet open, for as long as the user takes, but not for ever.
    let silent = setTimeout(unanswered, answerWithin);
    port1.onmessage = ({ data: answer }: MessageEvent) => {
      if (!(answer as { started?: unknown } | null)?.started) return done(outcomeOf(answer));
      clearTimeout(silent);
      silent = setTimeout(unanswered, sheetOpenFor);
    };
  });
}
