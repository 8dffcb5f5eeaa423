import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's tab-sync snippets live in test/unit/tabsReadme.ts, where `npm run typecheck`
// compiles them against the package's types; here, the README must show each one verbatim.
const root = new URL('..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const source = readFileSync(new URL('test/unit/tabsReadme.ts', root), 'utf8');
const regions = [...source.matchAll(/\/\/ #region (\w+)\n([\s\S]*?)\/\/ #endregion \1\n/g)].map(([, name, code]) => [name!, code!] as const);

describe('README: tab sync snippets', () => {
  it('has the snippets to check', () => {
    expect(regions.map(([name]) => name)).toEqual(['channel', 'login', 'cart', 'theme', 'leader', 'popup']);
  });

  it.each(regions)('shows the %s snippet exactly as it compiles', (_name, code) => {
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });
});
