import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.ts';

/** A snippet with no import or export of its own is made a module, so its names stay its own. */
export const asModule = (code: string): string => (/^(import|export) /m.test(code) ? code : `${code}\nexport {};\n`);

/**
 * Type-checks the snippet files written in `out` as a reader's strict project would, with
 * `frameport/...` resolved through `paths`; exits the process, naming `what` and where the files
 * are, if they do not compile. The README and the API reference's examples both go through here.
 */
export function compileSnippets(
  out: string,
  paths: Record<string, string[]>,
  what: string,
  { sources = false }: { sources?: boolean } = {},
): void {
  writeFileSync(
    join(out, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        // Compiled against the sources, whose own imports name `.ts` files; the README's snippets
        // are compiled against the published .d.mts files, as a reader's project would be.
        ...(sources && { allowImportingTsExtensions: true }),
        jsx: 'react-jsx',
        paths,
      },
      include: ['*.ts', '*.tsx'],
    }),
  );
  try {
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', out], { stdio: 'inherit' });
  } catch {
    console.error(`${what} do not compile (they are in ${out})`);
    process.exit(1);
  }
}
