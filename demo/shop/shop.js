import { mountWidget } from '/dist/host.mjs';
import { chat } from '/demo/contracts/chat.js';
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

const sendAmount = () => {
  const amount = Number($('#amount').value);
  const currency = $('#currency').value;
  pay.remote.setAmount({ amount, currency }).catch((error) => {
    confirmation.className = 'status error';
    confirmation.textContent = `The payment widget refused the amount (${error.code}).`;
  });
};
$('#amount').addEventListener('change', sendAmount);
$('#currency').addEventListener('change', sendAmount);
pay.on('connect', sendAmount);

const chatWidget = mountWidget({
  container: $('#chat'),
  src: `${origins.chat}/demo/chat/`,
  title: 'Help chat',
  contract: chat,
  autoResize: { minHeight: 160, maxHeight: 700 },
  methods: {
    signedIn: ({ name }) => {
      $('#user').textContent = `Signed in to chat as ${name}`;
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

// The panel: every refusal of every widget, once (a stranger's ready is reported to each).
const widgets = { 'payment widget': pay, 'chat widget': chatWidget, 'promo widget': promoWidget };
const seen = new Map();
const list = $('#refusals');
const counts = () => {
  const refused = {};
  for (const widget of Object.values(widgets)) {
    for (const [reason, count] of Object.entries(widget.stats().refused)) refused[reason] = (refused[reason] ?? 0) + count;
  }
  $('#counts').textContent = Object.entries(refused).filter(([, count]) => count > 0).map(([reason, count]) => `${reason}: ${count}`).join(' · ');
};
for (const [name, widget] of Object.entries(widgets)) {
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
    item.querySelector('.what').textContent = `${refusal.code} for ${target}${refusal.origin ? ` from ${refusal.origin}` : ''}: ${refusal.message}`;
    list.prepend(item);
    seen.set(key, { item, count: 1 });
  });
}

for (const button of document.querySelectorAll('[data-attack]')) {
  button.addEventListener('click', () => {
    const attack = button.dataset.attack;
    // The spoofed ready comes from the ad, which is no widget; the rest from the connected promo.
    const frame = attack === 'spoof' ? ad : promoWidget.iframe;
    frame.contentWindow.postMessage({ demoAttack: attack }, origins.promo);
  });
}
