import { FrameportError } from '../shared/errors.ts';
import { httpHref } from '../shared/shareData.ts';
import {
  fileDefaults,
  textLimits,
  type ReceivedShare,
  type ShareFilesParam,
  type ShareTargetError,
  type ShareTargetRoute,
  type ShareTargetSchema,
} from './route.ts';
import { sweep, transact, type StoredShare } from './store.ts';

/**
 * The part of a service worker's `FetchEvent` this needs (the DOM library has no worker types).
 *
 * @example
 * ```ts
 * import { handleShareTarget, type ShareTargetEvent, type ShareTargetRoute } from 'frameport/share-target';
 *
 * declare const route: ShareTargetRoute;
 * // The WebWorker library types `self` and its FetchEvent; this line stands in for it here.
 * declare const self: { addEventListener(type: 'fetch', listener: (event: ShareTargetEvent) => void): void };
 * self.addEventListener('fetch', (event) => handleShareTarget(event, route));
 * ```
 */
export interface ShareTargetEvent {
  /** The request the page or the OS made. */
  readonly request: Request;
  /** Answers the request with this response instead of the network's. */
  respondWith(response: Promise<Response>): void;
}

// Any site can post a form to the action, not only the OS's share sheet: what waits for the
// page is bounded in number (and each share in size, by the schema).
const maxPending = 20;
const defaultTtl = 600_000; // 10 minutes

/**
 * In the service worker's `fetch` listener: takes the POST the OS sends to the manifest's
 * `share_target.action`, checks it against `schema`, stores it once in IndexedDB under one
 * random id and answers `303` to `action?share=<id>`, or `action?shareError=<code>` when it
 * is empty, unreadable, too large, invalid, or cannot be stored. Returns whether it took the
 * event (a POST to the action); anything else is left to the rest of the listener.
 *
 * Treat a share as a form from anyone: any site can post one to the action.
 *
 * @example
 * ```ts
 * import { handleShareTarget, type ShareTargetEvent, type ShareTargetRoute } from 'frameport/share-target';
 *
 * // The WebWorker library types `self` and its FetchEvent; this line stands in for it here.
 * declare const self: { addEventListener(type: 'fetch', listener: (event: ShareTargetEvent) => void): void };
 * const route: ShareTargetRoute = { action: '/share', schema: { url: {}, files: { name: 'media', accept: ['image/*'] } } };
 *
 * self.addEventListener('fetch', (event) => {
 *   if (handleShareTarget(event, route)) return;
 *   // ...the rest of the worker's fetch handling
 * });
 * ```
 */
export function handleShareTarget(event: ShareTargetEvent, route: ShareTargetRoute): boolean {
  if (typeof route?.action !== 'string' || !route.schema) {
    throw new FrameportError('INVALID_OPTIONS', 'handleShareTarget needs { action, schema }');
  }
  const { request } = event;
  const scope = (globalThis as { registration?: { scope: string } }).registration?.scope ?? globalThis.location.href;
  const action = new URL(route.action, scope);
  const url = new URL(request.url);
  if (request.method !== 'POST' || url.origin !== action.origin || url.pathname !== action.pathname) return false;
  event.respondWith(receive(request, route, action));
  return true;
}

async function receive(request: Request, { schema, ttl = defaultTtl }: ShareTargetRoute, action: URL): Promise<Response> {
  // `value` is our own id or code: nothing to escape.
  const answer = (key: 'share' | 'shareError', value: string): Response =>
    Response.redirect(`${action.origin}${action.pathname}?${key}=${value}`, 303);
  let share: ReceivedShare | ShareTargetError;
  try {
    // File-backed in Chromium: reading the body as a blob does not load the files in memory.
    const body = await request.blob();
    const files = schema.files && { ...fileDefaults, ...schema.files };
    // Chromium has posted share-target requests with an empty body (files lost on the way):
    // say so rather than store nothing under an id.
    if (body.size === 0) return answer('shareError', 'empty');
    if (body.size > (files ? files.maxCount * files.maxSize : 0) + 65_536) return answer('shareError', 'too-large');
    const type = request.headers.get('content-type') ?? '';
    share = readShare(await new Response(body, { headers: { 'content-type': type } }).formData(), schema, files);
  } catch {
    return answer('shareError', 'unreadable');
  }
  if (typeof share === 'string') return answer('shareError', share);
  const id = crypto.randomUUID();
  const stored: StoredShare = { ...share, expires: Date.now() + ttl };
  try {
    const taken = await transact('readwrite', (store) => {
      sweep(store, Date.now());
      const count = store.count();
      const state = { stored: false };
      count.onsuccess = () => {
        if (count.result >= maxPending) return;
        store.add(stored, id);
        state.stored = true;
      };
      return state;
    });
    return taken.stored ? answer('share', id) : answer('shareError', 'busy');
  } catch {
    return answer('shareError', 'storage');
  }
}

const accepts = (accept: readonly string[], file: File): boolean =>
  accept.some((pattern) =>
    pattern.startsWith('.')
      ? file.name.toLowerCase().endsWith(pattern.toLowerCase())
      : pattern.endsWith('/*')
        ? file.type.startsWith(pattern.slice(0, -1))
        : file.type === pattern,
  );

/** Only what the schema declares, each within its limits; the first problem otherwise. */
function readShare(
  form: FormData,
  schema: ShareTargetSchema,
  files: Required<ShareFilesParam> | undefined,
): ReceivedShare | ShareTargetError {
  const share: ReceivedShare = { files: [] };
  for (const key of ['title', 'text', 'url'] as const) {
    const param = schema[key];
    if (!param) continue;
    const values = form.getAll(param.name ?? key);
    if (values.length === 0 || values[0] === '') continue;
    const [value] = values;
    if (values.length > 1 || typeof value !== 'string' || value.length > (param.maxLength ?? textLimits[key])) return `invalid-${key}`;
    if (key === 'url' && !httpHref(value)) return 'invalid-url';
    share[key] = value;
  }
  if (files) {
    // An empty file input posts a nameless, empty file: nothing was chosen.
    const chosen = form.getAll(files.name).filter((file) => typeof file === 'string' || file.name !== '' || file.size > 0);
    if (chosen.length > files.maxCount) return 'too-many-files';
    for (const file of chosen) {
      if (typeof file === 'string' || !accepts(files.accept, file)) return 'file-type';
      if (file.size > files.maxSize) return 'file-too-large';
      share.files.push(file);
    }
  }
  return share.title || share.text || share.url || share.files.length ? share : 'empty';
}
