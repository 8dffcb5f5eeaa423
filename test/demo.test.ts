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
  it('runs as a user would: pays by keyboard, signs in to chat, messages, sees the badge, every attack is refused, and a second tab follows', async () => {
    mkdirSync('test-results', { recursive: true });
    const { page, context } = await open(`${demo.sites.shop}/demo/shop/`);
    await page.setViewportSize({ width: 1280, height: 1000 });
    // A second tab of the shop: sign-in, the order and the theme follow it there (frameport/tabs).
    const other = await context.newPage();
    await other.goto(`${demo.sites.shop}/demo/shop/`);
    await expect.poll(() => page.locator('#tabs').textContent()).toBe('This tab leads');
    await expect.poll(() => other.locator('#tabs').textContent()).toBe('Another tab leads');
    // The new tab opened in front; a tab behind it paints no frames (resize, screenshots).
    await page.bringToFront();

    // Pay: the shop sets the amount, the widget grows a verification step, the shop confirms.
    const payFrame = page.locator('iframe[title="Card payment"]');
    const pay = page.frameLocator('iframe[title="Card payment"]');
    await expect.poll(() => pay.locator('#due').textContent()).toBe('Amount due: 42.00 EUR');
    await page.selectOption('#currency', 'USD');
    await expect.poll(() => pay.locator('#due').textContent()).toBe('Amount due: 42.00 USD');
    await expect.poll(() => other.locator('#currency').inputValue()).toBe('USD');
    await expect.poll(() => other.frameLocator('iframe[title="Card payment"]').locator('#due').textContent()).toBe('Amount due: 42.00 USD');
    // The card check and the fee run in the widget's pool of workers (frameport/worker).
    const quote = pay.locator('#quote');
    await expect.poll(() => quote.textContent()).toBe('Visa · fee 0.84 · total 42.84 USD');
    await pay.locator('#number').fill('4242 4242 4242 4241');
    await expect.poll(() => quote.textContent()).toBe('Not a valid card number');
    await pay.locator('#number').fill('4242 4242 4242 4242');
    await expect.poll(() => quote.textContent()).toBe('Visa · fee 0.84 · total 42.84 USD');
    const before = await payFrame.evaluate((frame) => frame.getBoundingClientRect().height);
    // By keyboard only: from the shop's currency field, Tab walks into the card form.
    await page.focus('#currency');
    for (const field of ['number', 'expiry', 'cvc', 'submit']) {
      await page.keyboard.press('Tab');
      await expect.poll(() => pay.locator(':focus').getAttribute('id')).toBe(field);
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => payFrame.evaluate((frame) => frame.getBoundingClientRect().height)).toBeGreaterThan(before + 50);
    // The verification step takes the focus; Enter submits it.
    await expect.poll(() => pay.locator(':focus').getAttribute('id')).toBe('code');
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#confirmation').textContent())
      .toMatch(/^Order confirmed: 42\.00 USD paid with the card ending 4242/);

    // Chat: sign in through the relay window and the provider (which sends COOP).
    const chat = page.frameLocator('iframe[title="Help chat"]');
    const [relay] = await Promise.all([context.waitForEvent('page'), chat.getByRole('button', { name: 'Sign in' }).click()]);
    await relay.waitForURL((url) => url.protocol !== 'about:');
    const [provider] = await Promise.all([
      context.waitForEvent('page'),
      relay.getByRole('button', { name: 'Continue to sign in' }).click(),
    ]);
    await provider.waitForURL((url) => url.protocol !== 'about:');
    await provider.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#user').textContent()).toBe('Signed in to chat as demo user');
    await expect.poll(() => other.locator('#user').textContent()).toBe('Signed in to chat as demo user (in another tab)');

    await chat.getByRole('textbox', { name: 'Message' }).fill('Where is my order?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => chat.locator('#messages .bot').textContent()).toBe('Echo: Where is my order?');
    await expect.poll(() => page.locator('#badge').textContent()).toBe('1 unread');
    // One conversation per browser: the chat frames of both tabs share a SharedWorker (frameport/worker's hub).
    await expect.poll(() => other.locator('#badge').textContent()).toBe('1 unread');
    await page.screenshot({ path: 'test-results/demo-shop.png', fullPage: true });

    // The security panel: each attack button, and each attack refused with its reason.
    const attacks = [
      ['Spoofed ready', 'source'],
      ['Undeclared method', 'method'],
      ['Bad input', 'input'],
      ['Flood (2,000 calls)', 'rate'],
    ] as const;
    for (const [button, reason] of attacks) {
      await page.getByRole('button', { name: button }).click();
      await expect
        .poll(() => page.locator(`#refusals li[data-reason="${reason}"]`).count(), {
          message: `${button}: ${await page.locator('#refusals').textContent()}`,
        })
        .toBeGreaterThan(0);
    }
    // Every undeclared name and every bad input is refused, and most of the flood.
    await expect.poll(() => page.locator('#counts').textContent()).toMatch(/^source: \d+ · method: 3 · input: 3 · rate: \d{3,}$/);
    // A forged message on the tab channel: every tab of the shop refuses it and says why.
    await page.getByRole('button', { name: 'Forged tab message' }).click();
    for (const tab of [page, other]) {
      await expect.poll(() => tab.locator('#tab-counts').textContent()).toBe('tab sync: value: 2');
      await expect.poll(() => tab.locator('#refusals li[data-reason="tab-value"]').count()).toBe(2);
    }
    await expect.poll(() => other.locator('#currency').inputValue()).toBe('USD');
    // The shop still works after all that.
    await chat.getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => page.locator('#badge').isHidden()).toBe(true);
    await expect.poll(() => other.locator('#badge').isHidden()).toBe(true);
    await page.locator('.security').screenshot({ path: 'test-results/demo-security.png' });
    // The theme follows too.
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => other.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => other.locator('#theme').getAttribute('aria-pressed')).toBe('true');

    // The HTML standard's example: the shop grants the game "add one contact", once. The game
    // tries two at once; the shop's grant lets one through and refuses the other, in the panel.
    const contacts = page.frameLocator('iframe[title="Contacts"]');
    const game = page.frameLocator('iframe[title="Game"]');
    await expect.poll(() => contacts.locator('#contacts li').allTextContents()).toEqual(['Grace']);
    await page.getByRole('button', { name: 'Let the game add one contact' }).click();
    await expect.poll(() => page.locator('#grant-status').textContent()).toBe('The game holds a grant to add one contact.');
    await expect.poll(() => game.locator('#grant').textContent()).toBe('The shop lets this game add a contact.');
    await game.getByRole('button', { name: 'Invite Ada and Bob' }).click();
    await expect
      .poll(() => game.locator('#invites li').allTextContents())
      .toEqual(['Ada: added to your contacts', 'Bob: refused (EXHAUSTED)']);
    await expect.poll(() => contacts.locator('#contacts li').allTextContents()).toEqual(['Grace', 'Ada']);
    await expect
      .poll(() => page.locator('#refusals li[data-reason="grant"]').textContent())
      .toMatch(/^grant EXHAUSTED for the game's contact grant: addContact\(\): the grant has no uses left/);
    await expect.poll(() => page.locator('#counts').textContent()).toMatch(/ · grant: 1$/);
    // Used up: a try later fails in the game itself, and adds no one.
    await game.getByRole('button', { name: 'Invite Ada and Bob' }).click();
    await expect.poll(() => game.locator('#invites li').count()).toBe(4);
    expect(await game.locator('#invites li').allTextContents()).toContain('Ada: refused (EXHAUSTED)');
    expect(await contacts.locator('#contacts li').allTextContents()).toEqual(['Grace', 'Ada']);

    // "Let them talk": the chat asks the payment widget directly, on a line the shop introduced
    // and does not carry: its ports post nothing while the two talk.
    await page.evaluate(() => {
      const post = MessagePort.prototype.postMessage;
      const posts: unknown[] = [];
      (window as unknown as { posts: unknown[] }).posts = posts;
      MessagePort.prototype.postMessage = function (this: MessagePort, ...args: [unknown, StructuredSerializeOptions?]) {
        posts.push(args[0]);
        return post.apply(this, args);
      } as typeof post;
    });
    await page.getByRole('button', { name: 'Let them talk' }).click();
    await expect.poll(() => chat.locator('#line').textContent()).toBe('The payment widget says: 42.00 USD, paid.');
    const posted = await page.evaluate(() => (window as unknown as { posts: { type?: string }[] }).posts.map((post) => post.type));
    // The two introductions, and the heartbeat's pings to each widget: nothing of the line.
    expect(posted.filter((type) => type !== 'ping')).toEqual(['introduce', 'introduce']);
    await page.locator('section[aria-labelledby="caps-title"]').screenshot({ path: 'test-results/demo-capabilities.png' });
  });

  it('shares: the shop shares, the chat shares through the shop (delegated), and a link shared to the shop lands in its wish list', async () => {
    const { page } = await open(`${demo.sites.shop}/demo/shop/`);
    // Headless Chromium has no share sheet: the shop's page (not the chat frame) gets a stand-in.
    await page.evaluate(() => {
      const shared: unknown[] = [];
      Object.assign(window, { shared });
      navigator.share = async (data?: ShareData) => void shared.push(data);
    });
    // The widgets above the button size themselves as they connect: a click while the page
    // still moves can land beside the button (seen once under a full CI run).
    const chat = page.frameLocator('iframe[title="Help chat"]');
    await chat.getByRole('button', { name: 'Share this chat' }).waitFor();
    await page.getByRole('button', { name: 'Share this shop' }).click();
    await expect.poll(() => page.locator('#share-status').textContent()).toBe('Shared.');
    await chat.getByRole('button', { name: 'Share this chat' }).click();
    await expect.poll(() => chat.locator('#shared').textContent()).toBe('Share: shared.');
    expect(await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([
      { title: 'Demo shop', text: 'frameport demo shop', url: `${demo.sites.shop}/demo/shop/` },
      { title: 'Help chat', url: `${demo.sites.chat}/demo/chat/` },
    ]);

    // The OS shares a product link to the installed shop: a multipart POST to the manifest's action.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.evaluate(() => {
      const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action: '/demo/shop/' });
      for (const [name, value] of [
        ['title', 'Blue mug'],
        ['url', 'https://mugs.example/blue'],
      ]) {
        form.append(Object.assign(document.createElement('input'), { name, value }));
      }
      document.body.append(form);
      form.submit();
    });
    // The 303 reloads the whole shop, its three widgets included.
    await expect
      .poll(() => page.locator('#wishlist li').allTextContents(), { timeout: 20_000 })
      .toEqual(['Blue mug — https://mugs.example/blue']);
    expect(new URL(page.url()).search).toBe('');
  });
});
