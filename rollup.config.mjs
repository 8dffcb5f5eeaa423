import { nodeResolve } from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

// One entry per public subpath; the script-tag globals are what partners write in a <script> page.
const entries = {
  index: { input: 'shared/index.ts', global: 'Frameport' },
  host: { input: 'host/index.ts', global: 'FrameportHost' },
  guest: { input: 'guest/index.ts', global: 'FrameportGuest' },
  popup: { input: 'popup/index.ts', global: 'FrameportPopup' },
  tabs: { input: 'tabs/index.ts', global: 'FrameportTabs' },
  element: { input: 'element/index.ts', global: 'FrameportElement' },
  // No script-tag build: a hook needs the app's own React, which script-tag pages do not bundle.
  react: { input: 'react/index.ts' },
  worker: { input: 'worker/index.ts', global: 'FrameportWorker' },
  // No script-tag build: the test kit runs in Node (Vitest, Jest), beside the app's own bundle.
  testing: { input: 'testing/index.ts' },
  share: { input: 'share/index.ts', global: 'FrameportShare' },
  'share-target': { input: 'share-target/index.ts', global: 'FrameportShareTarget' },
};
const inputs = Object.fromEntries(Object.entries(entries).map(([name, { input }]) => [name, input]));
// penpal stays an import in ESM/CJS so the user's bundler dedupes it; the types import
// @standard-schema/spec (types only) the same way.
const external = (id) => /^(penpal|@standard-schema\/spec|react)(\/|$)/.test(id);

// zod's modules import each other in a cycle and carry comments rollup cannot place: theirs,
// harmless, and not ours to hear about on every build.
const onwarn = (warning, warn) => {
  const inDependency = (warning.ids ?? [warning.id ?? '']).every((id) => id.includes('node_modules'));
  if (inDependency && ['CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'].includes(warning.code)) return;
  warn(warning);
};

export default [
  {
    input: inputs,
    external,
    onwarn,
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    ],
  },
  ...Object.entries(entries)
    .filter(([, { global }]) => global)
    .map(([name, { input, global }]) => ({
      input,
      onwarn,
      plugins: [nodeResolve({ browser: true }), esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' })],
      output: { file: `dist/${name}.iife.js`, format: 'iife', name: global },
    })),
  // zod has no script-tag build: a page without a bundler gets the `frameport` entry with zod/mini
  // as `Frameport.z` from this file instead of index.iife.js; nobody else pays for it.
  {
    input: 'shared/withZod.ts',
    onwarn,
    plugins: [nodeResolve({ browser: true }), esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' })],
    output: { file: 'dist/frameport-zod.iife.js', format: 'iife', name: 'Frameport' },
  },
  ...[
    ['d.mts', 'es'],
    ['d.cts', 'cjs'],
  ].map(([ext]) => ({
    input: inputs,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'es', entryFileNames: `[name].${ext}`, chunkFileNames: `chunks/[name]-[hash].${ext}` },
  })),
];
