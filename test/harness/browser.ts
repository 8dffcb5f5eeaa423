import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium, type LaunchedChromium } from './chromium.ts';
import type { Origins } from './sites.ts';

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions of every page in the context. */
  errors: string[];
}

/**
 * One Chromium per test file, a fresh context per page, all closed after each test.
 * `expectNoErrors` (on by default) fails a test whose pages logged an error or threw.
 */
export function useChromium(): { origins: Origins; open(url: string, options?: { expectNoErrors?: boolean }): Promise<OpenedPage> } {
  const origins = inject('origins');
  let chromium: LaunchedChromium | undefined;
  const opened: { context: BrowserContext; errors: string[]; expectNoErrors: boolean }[] = [];

  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterEach(async () => {
    const closing = opened.splice(0);
    await Promise.all(closing.map(({ context }) => context.close()));
    for (const { errors, expectNoErrors } of closing) {
      if (expectNoErrors) expect(errors, 'page errors').toEqual([]);
    }
  });
  afterAll(async () => {
    await chromium?.close();
  });

  return {
    origins,
    async open(url, { expectNoErrors = true } = {}) {
      if (!chromium) throw new Error('useChromium(): the browser is not started yet');
      const context = await chromium.browser.newContext();
      const errors: string[] = [];
      const watch = (page: Page): void => {
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
        });
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      };
      context.on('page', watch);
      opened.push({ context, errors, expectNoErrors });
      const page = await context.newPage();
      await page.goto(url);
      return { page, context, errors };
    },
  };
}
