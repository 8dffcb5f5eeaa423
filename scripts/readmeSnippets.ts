import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.ts';
import { asModule, compileSnippets } from './snippets.ts';

/**
 * `npm test` type-checks every TypeScript snippet of the README against the built package, as a
 * user would compile it (strict, the published .d.mts files), so the docs cannot drift from the
 * code. A snippet whose first line is `// name.ts` is saved under that name, so the others can
 * import it (`./contract`); one whose first line is `// name.ts, continued` is appended to it;
 * the rest are modules of their own. Snippets named `*.test.ts` are test files a reader copies:
 * they are then run with Vitest, against the built package, as the reader would run them.
 */
const readerSupplies = `// What the README's snippets leave to the reader's own app.
declare function showConfirmation(orderId: string): void;
declare function render(amount: number, currency: string): void;
declare function exchange(code: string | undefined, verifier: string | undefined): Promise<void>;
declare const button: HTMLButtonElement;
declare function showSignedIn(name: string): void;
declare function showSignedOut(): void;
declare function renderCart(cart: { items: { sku: string; qty: number }[] }): void;
declare function refreshToken(): Promise<void>;
declare function authorizeUrl(): URL;
declare function exchangeCode(code: string, verifier: string): Promise<{ id: string; name: string }>;
declare const signInButton: HTMLButtonElement;
declare function saveContact(name: string): void;
declare const chatWidget: object;
declare const paymentWidget: object;
declare function luhn(digits: string): boolean;
declare const cardNumber: string;
type FrameportError = import('frameport').FrameportError;
declare const shareButton: HTMLButtonElement;
declare function addToWishList(url: string): void;
declare function showShareError(code: string): void;
`;

const out = join(repoRoot, 'test-results', 'readme-snippets');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// ```tsx snippets (React) are compiled the same way, as .tsx files.
const blocks = [...readFileSync(join(repoRoot, 'README.md'), 'utf8').matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)].map((match) => ({
  ext: match[1] ?? 'ts',
  code: match[2] ?? '',
}));
if (blocks.length === 0) throw new Error('README.md has no ```ts snippets: the extraction is broken');
const files = new Map<string, string>();
blocks.forEach(({ ext, code }, index) => {
  const [, name, continued] = /^\/\/ ([\w.-]+\.tsx?)(, continued)?\b/.exec(code) ?? [];
  const file = name ?? `snippet-${index + 1}.${ext}`;
  if (continued && !files.has(file)) throw new Error(`README snippet ${index + 1} continues ${file}, which no snippet before it starts`);
  files.set(file, continued ? `${files.get(file)}\n${code}` : code);
});
for (const [file, code] of files) writeFileSync(join(out, file), asModule(code));
writeFileSync(join(out, 'reader.d.ts'), readerSupplies);
const dist = (name: string): string[] => [join(repoRoot, 'dist', `${name}.d.mts`)];
compileSnippets(
  out,
  {
    frameport: dist('index'),
    'frameport/host': dist('host'),
    'frameport/guest': dist('guest'),
    'frameport/popup': dist('popup'),
    'frameport/element': dist('element'),
    'frameport/react': dist('react'),
    'frameport/worker': dist('worker'),
    'frameport/testing': dist('testing'),
    'frameport/share': dist('share'),
    'frameport/share-target': dist('share-target'),
  },
  'README snippets',
);
console.log(`README: ${blocks.length} TypeScript snippets compile (${blocks.filter(({ ext }) => ext === 'tsx').length} of them TSX)`);

// The README's test files, run: a reader copies them and expects them to pass unchanged.
const tests = [...files.keys()].filter((file) => /\.test\.tsx?$/.test(file));
if (tests.length > 0) {
  // A config of their own, so the repository's projects stay out of it.
  writeFileSync(
    join(out, 'vitest.config.ts'),
    "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['*.test.ts', '*.test.tsx'] } });\n",
  );
  try {
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--root', out, '--config', join(out, 'vitest.config.ts')], {
      stdio: 'inherit',
    });
  } catch {
    console.error(`README test files fail (they are in ${out})`);
    process.exit(1);
  }
  console.log(`README: ${tests.length} test files pass (${tests.join(', ')})`);
}
