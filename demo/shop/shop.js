import { introduce, mountWidget } from '/dist/host.mjs';
import { grant, transfer } from '/dist/index.mjs';
import { createTabChannel } from '/dist/tabs.mjs';
import { share } from '/dist/share.mjs';
import { takeShare } from '/dist/share-target.mjs';
import { z } from 'zod';
import { chat } from '/demo/contracts/chat.js';
import { addContact, contactsBook, game } from '/demo/contracts/contacts.js';
import { payment } from '/demo/contracts/payment.js';
import { promo } from '/demo/contracts/promo.js';
import { origins } from '/demo/origins.js';

const $ = (selector) => document.querySelector(selector);
const confirmation = $('#confirmation');

const pay = mountWidget({
  container: $('#payment'),
  src: `${origins.pay}/demo/pay/`,
  title: 'Card payment',
  contract: payment,
  allow: ['payment'],
  autoResize: { minHeight: 120, maxHeight: 900 },
  methods: {
    paymentCompleted: ({ paymentId, amount, currency, last4 }) => {
      confirmation.className = 'status ok';
      confirmation.textContent = `Order confirmed: ${amount.toFixed(2)} ${currency} paid with the card ending ${last4} (${paymentId}).`;
    },
  },
});

// The shop's other tabs follow sign-in, the order and the theme (frameport/tabs).
const tabs = createTabChannel('demo-shop', {
  topics: {
    login: { kind: 'event', schema: z.object({ name: z.string().max(100) }) },
    cart: { kind: 'state', schema: z.object({ amount: z.number().positive().max(1e6), currency: z.enum(['EUR', 'USD']) }) },
    theme: { kind: 'state', schema: z.enum(['light', 'dark']) },
  },
});
const showRole = () => {
  $('#tabs').textContent = tabs.isLeader ? 'This tab leads' : 'Another tab leads';
};
tabs.on('leader', showRole);
tabs.on('follower', showRole);
showRole();

const sendAmount = () => {
  const amount = Number($('#amount').value);
  const currency = $('#currency').value;
  pay.remote.setAmount({ amount, currency }).catch((error) => {
    confirmation.className = 'status error';
    confirmation.textContent = `The payment widget refused the amount (${error.code}).`;
  });
};
const changeOrder = () => {
  sendAmount();
  try {
    tabs.publish('cart', { amount: Number($('#amount').value), currency: $('#currency').value });
  } catch (error) {
    // An amount the other tabs would refuse stays in this tab (the widget says what is wrong).
    if (error.code !== 'INVALID_INPUT') throw error;
  }
};
$('#amount').addEventListener('change', changeOrder);
$('#currency').addEventListener('change', changeOrder);
pay.on('connect', sendAmount);
tabs.on('cart', ({ amount, currency }) => {
  $('#amount').value = amount.toFixed(2);
  $('#currency').value = currency;
  sendAmount();
});

const applyTheme = (theme) => {
  document.documentElement.dataset.theme = theme;
  $('#theme').setAttribute('aria-pressed', String(theme === 'dark'));
};
$('#theme').addEventListener('click', () => {
  const theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  applyTheme(theme);
  tabs.publish('theme', theme);
});
tabs.on('theme', applyTheme);

tabs.on('login', ({ name }) => {
  $('#user').textContent = `Signed in to chat as ${name} (in another tab)`;
});

const chatWidget = mountWidget({
  container: $('#chat'),
  src: `${origins.chat}/demo/chat/`,
  title: 'Help chat',
  contract: chat,
  // The chat's Share button asks the shop, which shares for it after its own checks.
  share: 'delegate',
  autoResize: { minHeight: 160, maxHeight: 700 },
  methods: {
    signedIn: ({ name }) => {
      $('#user').textContent = `Signed in to chat as ${name}`;
      tabs.publish('login', { name });
    },
    unreadChanged: ({ count }) => {
      const badge = $('#badge');
      badge.hidden = count === 0;
      badge.textContent = `${count} unread`;
    },
  },
});

// The hostile partner: mounted like any widget, so it gets a connection it then abuses.
const promoWidget = mountWidget({
  container: $('#hostile'),
  src: `${origins.promo}/demo/promo/`,
  title: 'Promotions (hostile demo partner)',
  contract: promo,
  rateLimit: { burst: 20, perSecond: 10 },
  // It reports no size (it speaks the protocol by hand); the stylesheet gives it one.
  autoResize: false,
  methods: {
    showOffer: ({ text }) => {
      $('#offer').textContent = text;
    },
  },
});
// An ad on the page from the same hostile site, which frameport never connected.
const ad = document.createElement('iframe');
ad.title = 'Advertisement (hostile demo frame)';
ad.src = `${origins.promo}/demo/promo/?role=ad`;
ad.className = 'ad';
$('#hostile').append(ad);

// The social site's example from the HTML standard (§9.4.1.2): the contacts service and a game.
const contactsWidget = mountWidget({
  container: $('#contacts'),
  src: `${origins.contacts}/demo/contacts/`,
  title: 'Contacts',
  contract: contactsBook,
  autoResize: { minHeight: 80, maxHeight: 400 },
});
const gameWidget = mountWidget({
  container: $('#game'),
  src: `${origins.game}/demo/game/`,
  title: 'Game',
  contract: game,
  autoResize: { minHeight: 80, maxHeight: 400 },
});

// The panel: every refusal of every widget and grant, once (a stranger's ready is reported to each).
const widgets = {
  'payment widget': pay,
  'chat widget': chatWidget,
  'promo widget': promoWidget,
  'contacts widget': contactsWidget,
  'game widget': gameWidget,
};
const grants = [];
const seen = new Map();
const list = $('#refusals');
const counts = () => {
  const refused = {};
  for (const widget of [...Object.values(widgets), ...grants]) {
    for (const [reason, count] of Object.entries(widget.stats().refused)) refused[reason] = (refused[reason] ?? 0) + count;
  }
  $('#counts').textContent = Object.entries(refused)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${reason}: ${count}`)
    .join(' · ');
};
const watch = (name, widget) =>
  widget.on('refused', (refusal) => {
    counts();
    const key = `${refusal.reason}|${refusal.origin ?? ''}|${refusal.message}`;
    const entry = seen.get(key);
    if (entry) {
      entry.count += 1;
      entry.item.querySelector('.times').textContent = ` ×${entry.count}`;
      return;
    }
    const item = document.createElement('li');
    item.dataset.reason = refusal.reason;
    item.innerHTML = '<strong class="reason"></strong> <span class="what"></span><span class="times"></span>';
    item.querySelector('.reason').textContent = refusal.reason;
    // A ready from a window that is no widget frame is refused by every widget alike.
    const target = refusal.reason === 'source' ? 'every widget' : `the ${name}`;
    item.querySelector('.what').textContent =
      `${refusal.code} for ${target}${refusal.origin ? ` from ${refusal.origin}` : ''}: ${refusal.message}`;
    list.prepend(item);
    seen.set(key, { item, count: 1 });
  });
for (const [name, widget] of Object.entries(widgets)) watch(name, widget);

// One contact, once: the shop serves the grant (it asks its contacts widget to add whom the
// game names), so the rules stay here however the port travels. Each click is a new grant.
$('#grant').addEventListener('click', async () => {
  const addOne = grant({
    contract: addContact,
    as: 'host',
    uses: 1,
    methods: { addContact: ({ name }) => contactsWidget.remote.addContact({ name }) },
  });
  grants.push(addOne);
  watch("game's contact grant", addOne);
  try {
    await gameWidget.remote.takeContacts(transfer({ port: addOne.port }, [addOne.port]));
    $('#grant-status').textContent = 'The game holds a grant to add one contact.';
  } catch (error) {
    addOne.revoke();
    $('#grant-status').textContent = `The game did not take the grant (${error.code}).`;
  }
});

// The chat and the payment widget get a direct line; each checks it against its own contract.
$('#talk').addEventListener('click', () => {
  try {
    introduce(chatWidget, pay, { name: 'orderStatus' });
    $('#talk-status').textContent = 'Introduced: the chat now asks the payment widget directly.';
  } catch (error) {
    $('#talk-status').textContent = `Not now: ${error.message}`;
  }
});

for (const button of document.querySelectorAll('[data-attack]')) {
  button.addEventListener('click', () => {
    const attack = button.dataset.attack;
    // The spoofed ready comes from the ad, which is no widget; the rest from the connected promo.
    const frame = attack === 'spoof' ? ad : promoWidget.iframe;
    frame.contentWindow.postMessage({ demoAttack: attack }, origins.promo);
  });
}

// A forged message on the shop's tab channel, as any script of the site could post it: a
// login whose name is not a string, and a cart that would win on its Lamport time but fails
// the schema. Every tab of the shop refuses both and says why.
const tabList = (reason, message) => {
  const item = document.createElement('li');
  item.dataset.reason = `tab-${reason}`;
  item.innerHTML = '<strong class="reason"></strong> <span class="what"></span>';
  item.querySelector('.reason').textContent = reason;
  item.querySelector('.what').textContent = `tab sync refused a message: ${message}`;
  list.prepend(item);
  const refused = tabs.stats().refused;
  $('#tab-counts').textContent = `tab sync: ${Object.entries(refused)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name}: ${count}`)
    .join(' · ')}`;
};
tabs.on('refused', ({ reason, message }) => tabList(reason, message));
$('#forge').addEventListener('click', () => {
  const forger = new BroadcastChannel('frameport-tabs/1:demo-shop');
  forger.postMessage({ i: 'forger', k: 'e', t: 'login', v: { name: 42 } });
  forger.postMessage({ i: 'forger', k: 's', s: [['cart', { amount: -1, currency: 'XXX' }, 1e12, 'forger']] });
  forger.close();
});

// Sharing (frameport/share): the outcome, never an exception, whatever the user or browser does.
const outcomes = {
  shared: 'Shared.',
  cancelled: 'Sharing cancelled.',
  copied: 'Link copied to the clipboard.',
  unsupported: 'Sharing is not available here.',
};
$('#share').addEventListener('click', async () => {
  const result = await share({ title: 'Demo shop', text: 'frameport demo shop', url: '/demo/shop/' });
  $('#share-status').textContent = outcomes[result.outcome] ?? `Not shared: ${result.message} (${result.reason}).`;
});

// Receiving shares (frameport/share-target): the service worker stored it; take it once.
navigator.serviceWorker?.register('./sw.mjs', { type: 'module' }).catch(() => undefined);
const sharedError = new URLSearchParams(location.search).get('shareError');
if (sharedError) $('#share-status').textContent = `A share could not be received (${sharedError}).`;
takeShare().then((shared) => {
  // Anyone can post a form to the share target: show it as text, add only http(s) links.
  if (!shared?.url) return;
  const item = document.createElement('li');
  item.textContent = shared.title ? `${shared.title} — ${shared.url}` : shared.url;
  $('#wishlist').append(item);
});
