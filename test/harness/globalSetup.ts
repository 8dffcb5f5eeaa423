import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../../scripts/server.ts';
import { findChromium } from './chromium.ts';
import { startTestSites, type Origins } from './sites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    origins: Origins;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Fail once, clearly, rather than in every test file.
  findChromium();
  if (!existsSync(join(repoRoot, 'dist', 'host.mjs'))) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does it for you).');
  }
  const { origins, close } = await startTestSites();
  project.provide('origins', origins);
  return close;
}
