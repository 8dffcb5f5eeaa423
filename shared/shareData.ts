/**
 * What `share()` takes: the Web Share fields, each optional, at least one given. The limits
 * noted are a delegating host's (`shareLimits`); where the frame shares itself, the browser's.
 *
 * @example
 * ```ts
 * import type { ShareInput } from 'frameport/share';
 *
 * declare const photo: File;
 * const data: ShareInput = { title: 'Blue mug', url: '/products/blue-mug', files: [photo] };
 * ```
 */
export interface ShareInput {
  /** A title for the share sheet and the receiving app; 300 characters. */
  title?: string;
  /** The message body; 5000 characters. Copied when there is no URL and no Web Share. */
  text?: string;
  /** A URL, resolved against the page (a relative one too); http(s). */
  url?: string;
  /** Images (PNG, JPEG, GIF, WebP, AVIF), audio, video, PDF, plain text or CSV. */
  files?: readonly File[];
}

/**
 * Why a share did not happen, when it was not the user's choice.
 *
 * @example
 * ```ts
 * import { share, type ShareRefusal } from 'frameport/share';
 *
 * declare function showHint(text: string): void;
 * const hints: Partial<Record<ShareRefusal, string>> = { 'no-activation': 'Tap Share again', 'not-allowed': 'Sharing is off here' };
 *
 * const result = await share({ url: '/products/blue-mug' });
 * if (result.outcome === 'refused') showHint(hints[result.reason] ?? result.message);
 * ```
 */
export type ShareRefusal =
  /** This browser cannot share the data (`navigator.canShare`, or a `TypeError` from share()), or the host that shares for a widget refuses it (`shareLimits`). */
  | 'invalid-data'
  /** No transient user activation: call `share()` in the click handler, before any slow `await`; one share spends it. */
  | 'no-activation'
  /** The frame may not share (no `allow="web-share"`) and its host does not share for it. */
  | 'not-allowed'
  /** A share is already in progress. */
  | 'busy'
  /** The share failed for another reason, or the host did not answer (disconnected). */
  | 'failed';

/**
 * How a share ended. Never a rejection: a user who closes the sheet is an outcome, not an error.
 *
 * @example
 * ```ts
 * import { share, type ShareOutcome } from 'frameport/share';
 *
 * declare function toast(text: string): void;
 * const result: ShareOutcome = await share({ url: '/products/blue-mug' });
 * if (result.outcome === 'copied') toast('Link copied');
 * ```
 */
export type ShareOutcome =
  | {
      /** Shared, closed by the user (`cancelled`), copied to the clipboard instead, or no way to share here. */
      outcome: 'shared' | 'cancelled' | 'copied' | 'unsupported';
    }
  | {
      /** The share did not happen, and not by the user's choice. */
      outcome: 'refused';
      /** Why, to decide on. */
      reason: ShareRefusal;
      /** The details, for a log or a developer: not for the user. */
      message: string;
    };

/**
 * What a host that shares for a widget (`mountWidget({ share: 'delegate' })`) lets through: it
 * takes no widget's word for any of it, and refuses the rest `invalid-data`. `share()` itself
 * leaves what this frame shares to the browser's own checks (`navigator.canShare`); use these
 * to keep a form within what a delegating host takes. Lengths in characters, `files` in count,
 * `bytes` for all files together.
 *
 * @example
 * ```ts
 * import { shareLimits } from 'frameport/share';
 *
 * declare const textarea: HTMLTextAreaElement;
 * textarea.maxLength = shareLimits.text;
 * ```
 */
export const shareLimits = {
  /** Characters of `title`. */
  title: 300,
  /** Characters of `text`. */
  text: 5000,
  /** Characters of `url`, resolved against the widget (the host takes absolute http(s) URLs only). */
  url: 2048,
  /** How many files one share may carry. */
  files: 10,
  /** Bytes of all the files together: 50 MB. */
  bytes: 50 * 1024 * 1024,
} as const;

export const refused = (reason: ShareRefusal, message: string): ShareOutcome => ({ outcome: 'refused', reason, message });

/** `value` as an absolute http(s) URL, or `undefined`. Not `URL.parse`: Safari before 18 lacks it, and share() must not throw. */
export function httpHref(value: string, base?: string): string | undefined {
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const outcomes: readonly unknown[] = ['shared', 'cancelled', 'copied', 'unsupported'];
const reasons: readonly unknown[] = ['invalid-data', 'no-activation', 'not-allowed', 'busy', 'failed'];
// What the browser's rejections of navigator.share mean (and postMessage's, for data it cannot
// send); any other name is `failed`.
const errorNames: Record<string, ShareRefusal | 'cancelled'> = {
  AbortError: 'cancelled',
  NotAllowedError: 'not-allowed',
  InvalidStateError: 'busy',
  TypeError: 'invalid-data',
  DataError: 'invalid-data',
  DataCloneError: 'invalid-data',
};

/**
 * What a rejection of `navigator.share` means for the user, and what a host's answer to a
 * widget means: an outcome of its own, or its `navigator.share`'s rejection. Read, never
 * trusted: anything else is `failed`, with at most 300 characters of its message.
 */
export function outcomeOf(said: unknown): ShareOutcome {
  const { outcome, reason, name, message } = (said ?? {}) as Record<string, unknown>;
  const word = reason ?? outcome ?? name;
  // Not Object.hasOwn: an inherited name ("toString") maps to a function, which is no outcome.
  const meaning = errorNames[word as string] ?? word;
  return outcomes.includes(meaning)
    ? ({ outcome: meaning } as ShareOutcome)
    : refused(reasons.includes(meaning) ? (meaning as ShareRefusal) : 'failed', String(message).slice(0, 300));
}
