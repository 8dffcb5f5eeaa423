import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../scripts/demo.ts';
import { useChromium } from './harness/browser.ts';

const { open } = useChromium();
let demo: Awaited<ReturnType<typeof startDemo>>;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo.close();
});

describe('demo', () => {
  it('pays in the embedded widget and shows the confirmation in the shop, with no console errors', async () => {
    const { page } = await open(`${demo.sites.shop}/demo/shop/`);
    const widget = page.frameLocator('iframe[title="Card payment"]');
    await expect.poll(() => widget.locator('#due').textContent()).toBe('Amount due: 42.00 EUR');
    await page.selectOption('#currency', 'USD');
    await expect.poll(() => widget.locator('#due').textContent()).toBe('Amount due: 42.00 USD');
    await widget.getByRole('button', { name: 'Pay' }).click();
    await expect.poll(() => page.locator('#confirmation').textContent()).toMatch(/^Order confirmed: 42\.00 USD paid with the card ending 4242/);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/demo-shop.png', fullPage: true });
  });
});
