import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { repoRoot } from './server.ts';

/**
 * What the choice of schema library costs a widget: the same small contract written with zod
 * (classic), zod/mini and valibot, bundled by rollup as an app's bundler would (node resolution,
 * tree-shaking, minified), gzip -9; alone and with `connectToHost`. Run after `npm run build`:
 * `npx tsx scripts/schemaSizes.ts` prints the README's table.
 */
const contracts: Record<string, string> = {
  'zod (classic)': `import { z } from 'zod';
export const contract = defineContract({
  host: { paid: { input: z.object({ orderId: z.string().min(1), amount: z.number().positive() }) } },
  guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
});`,
  'zod/mini': `import * as z from 'zod/mini';
export const contract = defineContract({
  host: { paid: { input: z.object({ orderId: z.string().check(z.minLength(1)), amount: z.number().check(z.positive()) }) } },
  guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
});`,
  valibot: `import * as v from 'valibot';
export const contract = defineContract({
  host: { paid: { input: v.object({ orderId: v.pipe(v.string(), v.minLength(1)), amount: v.pipe(v.number(), v.minValue(0)) }) } },
  guest: { setAmount: { input: v.object({ amount: v.number(), currency: v.picklist(['EUR', 'USD']) }), output: v.literal('ok') } },
});`,
};

const dist = (file: string): string => JSON.stringify(join(repoRoot, 'dist', file));

async function bundledSize(code: string): Promise<number> {
  // A virtual entry at the repo root, so its imports resolve from the repo's node_modules.
  const entry = join(repoRoot, '__schema-size-entry.mjs');
  const bundle = await rollup({
    input: entry,
    onwarn: () => undefined,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? code : null) },
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', minify: true }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return gzipSync(output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join(''), { level: 9 }).length;
}

async function measureSchemaSizes(): Promise<{ library: string; alone: number; withGuest: number }[]> {
  const rows = [];
  for (const [library, contract] of Object.entries(contracts)) {
    const alone = await bundledSize(`import { defineContract } from ${dist('index.mjs')};\n${contract}`);
    const withGuest = await bundledSize(
      `import { defineContract } from ${dist('index.mjs')};\nexport { connectToHost } from ${dist('guest.mjs')};\n${contract}`,
    );
    rows.push({ library, alone, withGuest });
  }
  return rows;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
console.log('| schema library | the contract alone | the contract + connectToHost | what frameport adds |');
console.log('|---|---:|---:|---:|');
for (const { library, alone, withGuest } of await measureSchemaSizes()) {
  console.log(`| ${library} | ${kb(alone)} | ${kb(withGuest)} | ${kb(withGuest - alone)} |`);
}
