import { describe, expect, it } from 'vitest';
import { checkShareTarget, type ShareTargetManifest } from './checkShareTarget.ts';
import type { ShareTargetRoute } from './route.ts';

const route: ShareTargetRoute = {
  action: '/share',
  schema: { title: {}, text: {}, url: { name: 'link' }, files: { name: 'media', accept: ['image/*', '.pdf'] } },
};
const where = { manifestUrl: 'https://shop.example/app.webmanifest', scope: 'https://shop.example/' };
const good = {
  scope: '/',
  share_target: {
    action: '/share',
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { title: 'title', text: 'text', url: 'link', files: [{ name: 'media', accept: ['image/*'] }] },
  },
};
/** The good manifest with `change` applied to its share_target. */
const withTarget = (change: Record<string, unknown>): ShareTargetManifest => ({
  ...good,
  share_target: { ...good.share_target, ...change },
});
const withParams = (change: Record<string, unknown>): ShareTargetManifest =>
  withTarget({ params: { ...good.share_target.params, ...change } });

describe('checkShareTarget: a manifest against the route the service worker serves', () => {
  it('finds nothing wrong when they agree', () => {
    expect(checkShareTarget(good, route, where)).toEqual([]);
  });

  it.each([
    ['no share_target', { scope: '/' }, 'has no share_target'],
    ['another action', withTarget({ action: '/shared' }), 'the route serves https://shop.example/share'],
    ['a GET share target (the default method)', withTarget({ method: undefined }), 'method must be POST'],
    ['files without multipart', withTarget({ enctype: 'application/x-www-form-urlencoded' }), 'multipart/form-data'],
    ['a renamed parameter', withParams({ url: 'url' }), 'params.url is "url", the route reads "link"'],
    ['a files field of another name', withParams({ files: [{ name: 'photos', accept: ['image/*'] }] }), 'names "photos"'],
    ['files the route refuses', withParams({ files: { name: 'media', accept: ['video/*'] } }), 'accepts video/*'],
    ['files missing from the manifest', withParams({ files: undefined }), 'share_target.params.files is missing'],
  ] as const)('catches %s', (_, manifest, problem) => {
    expect(checkShareTarget(manifest as ShareTargetManifest, route, where)).toEqual([expect.stringContaining(problem)]);
  });

  it('catches an action outside the service worker scope and outside the app scope', () => {
    const outside = { manifestUrl: 'https://shop.example/app/app.webmanifest', scope: 'https://shop.example/app/' };
    const manifest = { ...withTarget({ action: '/share' }), scope: '/app/' };
    expect(checkShareTarget(manifest, { ...route, action: '/share' }, outside)).toEqual([
      expect.stringContaining("outside the service worker's scope"),
      expect.stringContaining("outside the app's scope"),
    ]);
  });

  it('catches a field the route does not take, and files sent to a route without files', () => {
    const textOnly: ShareTargetRoute = { action: '/share', schema: { url: { name: 'link' } } };
    expect(checkShareTarget(good, textOnly, where)).toEqual([
      'share_target.params.title is sent but the route does not take it',
      'share_target.params.text is sent but the route does not take it',
      'share_target.params.files is sent but the route takes no files',
    ]);
  });
});
