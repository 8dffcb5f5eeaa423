import { connectToHost } from '/dist/guest.mjs';
import { share } from '/dist/share.mjs';
import { openAuthPopup } from '/dist/popup.mjs';
import { chat } from '/demo/contracts/chat.js';
import { origins } from '/demo/origins.js';

const $ = (selector) => document.querySelector(selector);
const shop = await connectToHost({ allowedOrigins: [origins.shop], contract: chat });
const callback = new URL('/demo/chat/callback.html', location.origin).href;
let unread = 0;

const setUnread = (count) => {
  unread = count;
  shop.remote.unreadChanged({ count });
};

function say(text, from) {
  const item = document.createElement('li');
  item.className = from;
  item.textContent = text;
  $('#messages').append(item);
}

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
  say(text, 'me');
  $('#text').value = '';
  // The local echo bot answers after a moment, like a real agent would.
  setTimeout(() => {
    say(`Echo: ${text}`, 'bot');
    setUnread(unread + 1);
  }, 300);
});
$('#read').addEventListener('click', () => setUnread(0));

// This frame may not share itself (no allow="web-share"): share() asks the shop, which mounted
// the chat with share: 'delegate'.
$('#share').addEventListener('click', async () => {
  const result = await share({ title: 'Help chat', url: '/demo/chat/' }, { host: shop });
  $('#shared').textContent = result.outcome === 'refused' ? `Not shared (${result.reason}).` : `Share: ${result.outcome}.`;
});
