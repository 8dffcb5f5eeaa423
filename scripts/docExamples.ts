import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './server.ts';
import { asModule, compileSnippets } from './snippets.ts';

/**
 * `npm run docs` type-checks every `@example` of the API reference, as the README's snippets are
 * checked: an example that no longer compiles is a reference that lies. Each ```ts / ```tsx block
 * inside an `@example` of a TSDoc comment under an entry point's folder becomes a module of its
 * own, compiled strictly against the sources: `frameport/...` resolves to the entry point whose
 * `@module` tag names it, so an entry added to typedoc.json is checked with no change here.
 */
interface TypedocConfig {
  entryPoints: string[];
}

const config = JSON.parse(readFileSync(join(repoRoot, 'typedoc.json'), 'utf8')) as TypedocConfig;
const paths: Record<string, string[]> = {};
for (const entry of config.entryPoints) {
  const name = /@module\s+(\S+)/.exec(readFileSync(join(repoRoot, entry), 'utf8'))?.[1];
  if (!name) throw new Error(`${entry} has no @module tag: the reference and its examples need its import name`);
  paths[name] = [join(repoRoot, entry)];
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(item.name) && !/\.test\.tsx?$/.test(item.name) ? [path] : [];
  });
const folders = [...new Set(config.entryPoints.map((entry) => dirname(join(repoRoot, entry))))];

const out = join(repoRoot, 'test-results', 'doc-examples');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let count = 0;
for (const file of [...new Set(folders.flatMap(sourceFiles))]) {
  for (const [comment] of readFileSync(file, 'utf8').matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    // The comment's text without its ` * ` margin, then each fenced block after an @example tag.
    const text = comment.replace(/^\s*\/?\*+\/? ?/gm, '');
    for (const example of text.split(/^@example\b/m).slice(1)) {
      const body = example.split(/^@\w+/m)[0] ?? '';
      // An unfenced example would be shown but never compiled: ask for the fence.
      if (!/^```tsx?$/m.test(body)) throw new Error(`${relative(repoRoot, file)}: an @example without a \`\`\`ts block`);
      for (const [, ext = 'ts', code = ''] of body.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)) {
        count += 1;
        const name = `${relative(repoRoot, file).replace(/[/.]/g, '_')}-${count}.${ext}`;
        writeFileSync(join(out, name), asModule(`// From ${relative(repoRoot, file)}\n${code}`));
      }
    }
  }
}
if (count === 0) throw new Error('no ```ts block in any @example: the extraction is broken');

compileSnippets(out, paths, 'API reference examples', { sources: true });
console.log(`API reference: ${count} @example blocks compile`);
