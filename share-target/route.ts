/**
 * A text field of the share: the form field's name (the manifest's `params` value) and its limit.
 *
 * @example
 * const url: ShareTextParam = { name: 'link', maxLength: 1000 };
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
 * const files: ShareFilesParam = { name: 'media', accept: ['image/*', '.pdf'], maxCount: 4, maxSize: 5_000_000 };
 */
export interface ShareFilesParam {
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
 * const schema: ShareTargetSchema = { title: {}, url: { name: 'link' } };
 */
export interface ShareTargetSchema {
  title?: ShareTextParam;
  text?: ShareTextParam;
  /** Only http(s) URLs are taken. */
  url?: ShareTextParam;
  files?: ShareFilesParam;
}

/**
 * One share target: where the OS posts (the manifest's `share_target.action`) and what it takes.
 * Import the same route in the service worker and in the test that checks the manifest.
 *
 * @example
 * export const route: ShareTargetRoute = { action: '/share', schema: { url: { name: 'link' } }, ttl: 60_000 };
 */
export interface ShareTargetRoute {
  /** The action URL, relative to the service worker's scope (`/share` or `share`). */
  action: string;
  schema: ShareTargetSchema;
  /** Milliseconds a stored share waits for `takeShare`; default 10 minutes. */
  ttl?: number;
}

/**
 * A share as `takeShare` returns it: what the schema let through, never anything else.
 *
 * @example
 * const shared: ReceivedShare | undefined = await takeShare();
 * for (const file of shared?.files ?? []) preview(file);
 */
export interface ReceivedShare {
  title?: string;
  text?: string;
  url?: string;
  files: File[];
}

/**
 * Why a share was not stored: the `shareError` the page finds in its address bar.
 *
 * @example
 * const error = new URLSearchParams(location.search).get('shareError') as ShareTargetError | null;
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
