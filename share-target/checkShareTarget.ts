import type { ShareTargetRoute } from './route.ts';

/**
 * The part of a web app manifest a share target lives in.
 *
 * @example
 * const manifest = JSON.parse(readFileSync('public/app.webmanifest', 'utf8')) as ShareTargetManifest;
 */
export interface ShareTargetManifest {
  scope?: string;
  share_target?: {
    action?: string;
    method?: string;
    enctype?: string;
    params?: { title?: string; text?: string; url?: string; files?: ShareFileEntry | readonly ShareFileEntry[] };
  };
}

interface ShareFileEntry {
  name?: string;
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
 * expect(checkShareTarget(manifest, route, { manifestUrl: 'https://shop.example/app.webmanifest', scope: 'https://shop.example/' })).toEqual([]);
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
