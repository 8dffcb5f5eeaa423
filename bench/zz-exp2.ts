import { launchChromium } from '/work/main/test/harness/chromium.ts';
import { startSite, staticFiles } from '/work/main/scripts/server.ts';
const handlers = [staticFiles({ folders: ['bench', 'dist', 'node_modules'] })];
const host = await startSite({ hostname: 'localhost', handlers });
const guest = await startSite({ hostname: '127.0.0.1', handlers });
const other = await startSite({ hostname: '127.0.0.2', handlers });
const chromium = await launchChromium();
try {
  const page = await (await chromium.browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(e.message));
  await page.goto(
    `${host.origin}/bench/pages/host.html?guest=${encodeURIComponent(guest.origin)}&other=${encodeURIComponent(other.origin)}`,
  );
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
  for (const script of process.argv.slice(2)) {
    const r = (await page.evaluate(script)) as Record<string, number>;
    console.log(
      script,
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(3)])),
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +(v / (r.plain ?? r.bare ?? 1)).toFixed(3)])),
    );
  }
} finally {
  await chromium.close();
  process.exit(0);
}
