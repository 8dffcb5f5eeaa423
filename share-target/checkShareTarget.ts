import type { ShareTargetRoute } from './route.ts';

/**
 * The part of a web app manifest a share target lives in.
 *
 * @example
 * ```ts
 * import type { ShareTargetManifest } from 'frameport/share-target';
 *
 * declare const manifestText: string; // public/app.webmanifest, read by the test
 * const manifest = JSON.parse(manifestText) as ShareTargetManifest;
 * console.log(manifest.share_target?.action);
 * ```
 */
export interface ShareTargetManifest {
  /** The app's scope, relative to the manifest's URL: the action must lie inside it. */
  scope?: string;
  /** Where and how the OS sends a share to the app. */
  share_target?: {
    /** The URL the OS posts the share to, relative to the manifest's URL. */
    action?: string;
    /** `POST` for the service worker to take it; the manifest's default is `GET`. */
    method?: string;
    /** `multipart/form-data` when files are sent. */
    enctype?: string;
    /** The form field each part of the share arrives in. */
    params?: {
      /** The title's field name. */
      title?: string;
      /** The text's field name. */
      text?: string;
      /** The URL's field name. */
      url?: string;
      /** The files' field: its `name` and the types it `accept`s, one entry or several. */
      files?: ShareFileEntry | readonly ShareFileEntry[];
    };
  };
}

/** One entry of the manifest's `share_target.params.files`. */
interface ShareFileEntry {
  /** The form field the files arrive in. */
  name?: string;
  /** MIME types, wildcards or extensions the app takes. */
  accept?: string | readonly string[];
}

/**
 * Checks a manifest's `share_target` against the route `handleShareTarget` serves, and lists
 * what would make shares fail or vanish in production: an action that is not the route's or
 * lies outside the service worker's scope, a method other than `POST` (the worker only takes
 * posts), files without `multipart/form-data`, parameter names that differ, files the route
 * would refuse. An empty list means they agree. For a test, not for the browser.
 *
 * @example
 * ```ts
 * import { expect, test } from 'vitest';
 * import { checkShareTarget, type ShareTargetManifest, type ShareTargetRoute } from 'frameport/share-target';
 *
 * declare const manifest: ShareTargetManifest; // the app's app.webmanifest, parsed
 * declare const route: ShareTargetRoute; // the route the service worker serves
 *
 * test('the manifest sends shares where the service worker takes them', () => {
 *   const where = { manifestUrl: 'https://shop.example/app.webmanifest', scope: 'https://shop.example/' };
 *   expect(checkShareTarget(manifest, route, where)).toEqual([]);
 * });
 * ```
 */
export function checkShareTarget(
  manifest: ShareTargetManifest,
  route: ShareTargetRoute,
  { manifestUrl, scope }: { manifestUrl: string; scope: string },
): string[] {
  const target = manifest.share_target;
  if (!target) return ['the manifest has no share_target'];
  const problems: string[] = [];
  const action = new URL(target.action ?? '', manifestUrl);
  const served = new URL(route.action, scope);
  if (action.origin + action.pathname !== served.origin + served.pathname) {
    problems.push(`share_target.action is ${action.href}, the route serves ${served.href}`);
  }
  if (!action.href.startsWith(scope)) problems.push(`share_target.action ${action.href} is outside the service worker's scope ${scope}`);
  const appScope = manifest.scope === undefined ? undefined : new URL(manifest.scope, manifestUrl).href;
  if (appScope && !action.href.startsWith(appScope))
    problems.push(`share_target.action ${action.href} is outside the app's scope ${appScope}`);
  if ((target.method ?? 'GET').toUpperCase() !== 'POST')
    problems.push('share_target.method must be POST: the service worker takes posts only');
  const params = target.params ?? {};
  const { schema } = route;
  if (schema.files && (target.enctype ?? '').toLowerCase() !== 'multipart/form-data') {
    problems.push('share_target.enctype must be multipart/form-data to send files');
  }
  for (const key of ['title', 'text', 'url'] as const) {
    const expected = schema[key] ? (schema[key].name ?? key) : undefined;
    if (params[key] !== expected) {
      problems.push(
        expected === undefined
          ? `share_target.params.${key} is sent but the route does not take it`
          : `share_target.params.${key} is ${JSON.stringify(params[key])}, the route reads ${JSON.stringify(expected)}`,
      );
    }
  }
  const entries = params.files === undefined ? [] : Array.isArray(params.files) ? params.files : [params.files as ShareFileEntry];
  if (entries.length && !schema.files) problems.push('share_target.params.files is sent but the route takes no files');
  for (const entry of schema.files ? entries : []) {
    if (entry.name !== schema.files?.name) {
      problems.push(`share_target.params.files names ${JSON.stringify(entry.name)}, the route reads ${JSON.stringify(schema.files?.name)}`);
    }
    for (const type of typeof entry.accept === 'string' ? [entry.accept] : (entry.accept ?? [])) {
      if (!schema.files?.accept.includes(type)) problems.push(`share_target.params.files accepts ${type}, which the route refuses`);
    }
  }
  if (schema.files && entries.length === 0) problems.push('the route takes files but share_target.params.files is missing');
  return problems;
}
