/**
 * A text field of the share: the form field's name (the manifest's `params` value) and its limit.
 *
 * @example
 * ```ts
 * import type { ShareTextParam } from 'frameport/share-target';
 *
 * // The manifest's params.url is "link"; longer URLs are refused.
 * const url: ShareTextParam = { name: 'link', maxLength: 1000 };
 * ```
 */
export interface ShareTextParam {
  /** The form field the OS sends it in; defaults to the key (`title`, `text`, `url`). */
  name?: string;
  /** Characters; defaults to 300 (title), 5000 (text), 2048 (url). */
  maxLength?: number;
}

/**
 * The files of the share: one form field, as in the manifest's `params.files`.
 *
 * @example
 * ```ts
 * import type { ShareFilesParam } from 'frameport/share-target';
 *
 * const files: ShareFilesParam = { name: 'media', accept: ['image/*', '.pdf'], maxCount: 4, maxSize: 5_000_000 };
 * ```
 */
export interface ShareFilesParam {
  /** The form field the OS sends the files in: the manifest's `params.files.name`. */
  name: string;
  /** MIME types (`image/png`), wildcards (`image/*`) or extensions (`.png`), as in the manifest. */
  accept: readonly string[];
  /** Default 10. */
  maxCount?: number;
  /** Bytes per file; default 10 MB. */
  maxSize?: number;
}

/**
 * What the share target takes: only the fields declared here are read and stored.
 *
 * @example
 * ```ts
 * import type { ShareTargetSchema } from 'frameport/share-target';
 *
 * // A title and a URL (sent as "link"); a text or files in the post are ignored.
 * const schema: ShareTargetSchema = { title: {}, url: { name: 'link' } };
 * ```
 */
export interface ShareTargetSchema {
  /** Takes the shared title. */
  title?: ShareTextParam;
  /** Takes the shared text. */
  text?: ShareTextParam;
  /** Only http(s) URLs are taken. */
  url?: ShareTextParam;
  /** Takes files; without it, posted files are never read or stored. */
  files?: ShareFilesParam;
}

/**
 * One share target: where the OS posts (the manifest's `share_target.action`) and what it takes.
 * Import the same route in the service worker and in the test that checks the manifest.
 *
 * @example
 * ```ts
 * // share-route.ts, imported by sw.ts and by manifest.test.ts
 * import type { ShareTargetRoute } from 'frameport/share-target';
 *
 * export const route: ShareTargetRoute = { action: '/share', schema: { url: { name: 'link' } }, ttl: 60_000 };
 * ```
 */
export interface ShareTargetRoute {
  /** The action URL, relative to the service worker's scope (`/share` or `share`). */
  action: string;
  /** The fields the share may carry; anything else in the post is dropped. */
  schema: ShareTargetSchema;
  /** Milliseconds a stored share waits for `takeShare`; default 10 minutes. */
  ttl?: number;
}

/**
 * A share as `takeShare` returns it: what the schema let through, never anything else.
 *
 * @example
 * ```ts
 * import { takeShare, type ReceivedShare } from 'frameport/share-target';
 *
 * declare function preview(file: File): void;
 * const shared: ReceivedShare | undefined = await takeShare();
 * for (const file of shared?.files ?? []) preview(file);
 * ```
 */
export interface ReceivedShare {
  /** The shared title, if the schema takes one and the share had one. */
  title?: string;
  /** The shared text, if the schema takes one and the share had one. */
  text?: string;
  /** The shared http(s) URL, if the schema takes one and the share had one. */
  url?: string;
  /** The shared files, each of an accepted type and size; empty when there were none. */
  files: File[];
}

/**
 * Why a share was not stored: the `shareError` the page finds in its address bar.
 *
 * @example
 * ```ts
 * import type { ShareTargetError } from 'frameport/share-target';
 *
 * declare function showShareError(text: string): void;
 * const messages: Record<ShareTargetError, string> = {
 *   empty: 'Nothing came with the share.',
 *   unreadable: 'The share could not be read.',
 *   'too-large': 'The share is too large.',
 *   'invalid-title': 'The title is too long.',
 *   'invalid-text': 'The text is too long.',
 *   'invalid-url': 'Only web links can be shared here.',
 *   'too-many-files': 'Too many files.',
 *   'file-too-large': 'A file is too large.',
 *   'file-type': 'This kind of file cannot be shared here.',
 *   busy: 'Too many shares at once: try again in a moment.',
 *   storage: 'The share could not be saved.',
 * };
 * const error = new URLSearchParams(location.search).get('shareError') as ShareTargetError | null;
 * if (error) showShareError(messages[error] ?? 'The share failed.');
 * ```
 */
export type ShareTargetError =
  | 'empty'
  | 'unreadable'
  | 'too-large'
  | 'invalid-title'
  | 'invalid-text'
  | 'invalid-url'
  | 'too-many-files'
  | 'file-too-large'
  | 'file-type'
  | 'busy'
  | 'storage';

export const textLimits = { title: 300, text: 5000, url: 2048 } as const;
// Literals, not products: a bundler keeps an unused `10 * 1024 * 1024` in every entry that imports this module.
export const fileDefaults = { maxCount: 10, maxSize: 10_485_760 } as const;
