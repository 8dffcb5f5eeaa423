import { connectToHost } from '/dist/guest.mjs';
import { acceptPorts } from '/dist/index.mjs';
import { share } from '/dist/share.mjs';
import { openAuthPopup } from '/dist/popup.mjs';
import { connectSharedWorker } from '/dist/worker.mjs';
import { chat } from '/demo/contracts/chat.js';
import { chatHub } from '/demo/contracts/chatHub.js';
import { orderStatus } from '/demo/contracts/orderStatus.js';
import { origins } from '/demo/origins.js';

const $ = (selector) => document.querySelector(selector);
const shop = await connectToHost({
  allowedOrigins: [origins.shop],
  contract: chat,
  // A direct line to the payment widget, if the shop introduces them: the chat only asks.
  ports: acceptPorts({ orderStatus: { contract: orderStatus, as: 'host' } }),
});

// Straight from the payment widget: the shop introduced the two and carries none of this.
shop.on('introduced', async ({ link }) => {
  const line = $('#line');
  try {
    const { state, amount, currency } = await link.remote.status();
    line.textContent =
      state === 'waiting'
        ? 'The payment widget has no order yet.'
        : `The payment widget says: ${amount.toFixed(2)} ${currency}, ${state === 'paid' ? 'paid' : 'not paid yet'}.`;
  } catch (error) {
    line.textContent = `The payment widget did not answer (${error.code}).`;
  }
});
const callback = new URL('/demo/chat/callback.html', location.origin).href;

function say(text, from) {
  const item = document.createElement('li');
  item.className = from;
  item.textContent = text;
  $('#messages').append(item);
}

// One conversation per browser: every tab's chat frame joins the same SharedWorker, which keeps
// the messages and the unread count and tells every tab (frameport/worker's hub).
const hub = connectSharedWorker(new URL('./hub.worker.js', import.meta.url), {
  contract: chatHub,
  type: 'module',
  methods: {
    message: ({ from, text }) => say(text, from),
    unread: ({ count }) => shop.remote.unreadChanged({ count }),
  },
});
hub.ready.then(async () => {
  const { messages, unread } = await hub.remote.history();
  for (const { from, text } of messages) say(text, from);
  if (unread) await shop.remote.unreadChanged({ count: unread });
});

/** The identity provider's id_token says who signed in; the token came straight from it over TLS-less loopback. */
function nameFrom(idToken) {
  const payload = idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload)).sub;
}

$('#signin').addEventListener('click', async () => {
  const url = new URL('/auth', origins.idp);
  url.searchParams.set('client_id', 'frameport-demo-chat');
  url.searchParams.set('redirect_uri', callback);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  $('#status').className = 'status';
  $('#status').textContent = 'Signing in: continue in the window that opened…';
  try {
    // Inside the shop's frame this goes through a relay window of our own origin (see README).
    const { params, codeVerifier } = await openAuthPopup({ url, pkce: true });
    const response = await fetch(new URL('/token', origins.idp), {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.code,
        code_verifier: codeVerifier,
        client_id: 'frameport-demo-chat',
        redirect_uri: callback,
      }),
    });
    const tokens = await response.json();
    const name = nameFrom(tokens.id_token);
    $('#who').textContent = `Signed in as ${name}.`;
    $('#status').textContent = '';
    $('#signin').hidden = true;
    $('#conversation').hidden = false;
    $('#text').focus();
    await shop.remote.signedIn({ name });
  } catch (error) {
    $('#status').className = 'status error';
    $('#status').textContent = `Sign-in did not complete (${error.code ?? error.message}).`;
  }
});

$('#compose').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('#text').value.trim();
  if (!text) return;
  $('#text').value = '';
  // The hub shows it in every tab, this one included, and its bot answers there too.
  void hub.remote.post({ text });
});
$('#read').addEventListener('click', () => void hub.remote.read());

// This frame may not share itself (no allow="web-share"): share() asks the shop, which mounted
// the chat with share: 'delegate'.
$('#share').addEventListener('click', async () => {
  const result = await share({ title: 'Help chat', url: '/demo/chat/' }, { host: shop });
  $('#shared').textContent = result.outcome === 'refused' ? `Not shared (${result.reason}).` : `Share: ${result.outcome}.`;
});
