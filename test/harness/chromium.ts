import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The system Chromium: `CHROME_PATH`, then Debian's `/usr/bin/chromium`. Never a downloaded one. */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). ` +
        "Install Debian's browser with `sudo apt-get install chromium`, or set CHROME_PATH to a Chrome/Chromium binary.",
    );
  }
  return found;
}

/**
 * Flags for a Chromium that behaves like a user's Chrome.
 *
 * Playwright's default flags turn off the popup blocker and third-party storage partitioning,
 * which would let popup and widget tests pass where real browsers fail, and its
 * `--disable-features` list cannot be edited from outside (Chromium keeps only the last copy
 * of a repeated switch). So we pass our own complete list instead of Playwright's defaults.
 */
export function chromiumArgs(userDataDir: string): string[] {
  return [
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-startup-window',
    '--disable-quic',
    // This machine has no network: background requests only fail, many at a time.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-breakpad',
    '--metrics-recording-only',
    '--password-store=basic',
    '--use-mock-keychain',
    // Shared CI machines are slow; timers in hidden pages must still fire on time.
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--disable-features=OptimizationHints,MediaRouter,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
  ];
}

export interface LaunchedChromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'frameport-chromium-'));
  const browser = await chromium.launch({
    executablePath: findChromium(),
    ignoreDefaultArgs: true,
    args: chromiumArgs(userDataDir),
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
