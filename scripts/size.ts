import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from './server.ts';

/** What a widget or a page ships, gzip -9, in bytes. The test command holds frameport to these. */
export const budgets = { guest: 10 * 1024, host: 11 * 1024, popup: 6 * 1024, tabs: 3.5 * 1024 } as const;

/** Each measured the same way: an entry importing what a user imports, bundled with its dependencies, minified. */
export const subjects: Record<string, string> = {
  'frameport guest (connectToHost)': "export { connectToHost } from './dist/guest.mjs';",
  'frameport host (mountWidget)': "export { mountWidget } from './dist/host.mjs';",
  'frameport popup': "export { openAuthPopup, completeAuthPopup } from './dist/popup.mjs';",
  'frameport tabs (createTabChannel)': "export { createTabChannel } from './dist/tabs.mjs';",
  'penpal (connect + WindowMessenger)': "export { connect, WindowMessenger } from 'penpal';",
  'post-robot': "export * from 'post-robot';",
  'zoid (frame build)': "export * from 'zoid/dist/zoid.frame.js';",
  postmate: "export { default } from 'postmate';",
  'iframe-resizer child': "import '@iframe-resizer/child';",
  'iframe-resizer parent': "export { default } from '@iframe-resizer/parent';",
  '@open-iframe-resizer/core': "export * from '@open-iframe-resizer/core';",
};

export async function gzippedSize(entry: string): Promise<number> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', __DEBUG__: 'false', __TEST__: 'false' },
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced nothing');
  return gzipSync(output.contents, { level: 9 }).length;
}

export async function measureSizes(): Promise<Record<string, number>> {
  if (!existsSync(join(repoRoot, 'dist', 'guest.mjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  const sizes: Record<string, number> = {};
  for (const [name, entry] of Object.entries(subjects)) sizes[name] = await gzippedSize(entry);
  return sizes;
}
