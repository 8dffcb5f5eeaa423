// A hostile widget: the frame mountWidget created, on the expected origin, speaking the
// protocol by hand. ?manual leaves the handshake to the test (window.handshake()).
const params = new URLSearchParams(location.search);
const allowed = params.get('allowed');

window.inbox = [];
window.connects = 0;
window.connected = false;
/** How the hostile guest answers the host's calls; tests replace it. `undefined`: no answer. */
window.answer = (call) => {
  const [method] = call.methodPath;
  const input = call.args[0];
  if (method === 'add') return { namespace: 'penpal', type: 'REPLY', callId: call.id, value: input.a + input.b };
  if (method === 'slow') return undefined;
  return { namespace: 'penpal', type: 'REPLY', callId: call.id, value: 'not a number' };
};

let port;
window.send = (message, transfer = []) => port.postMessage(message, transfer);

/** Waits for the reply to our call `id`: its value, or the code and message of an error reply. */
window.reply = (id) =>
  new Promise((resolve) => {
    const check = () => {
      const found = window.inbox.find((m) => m.type === 'REPLY' && m.callId === id);
      if (!found) return setTimeout(check, 5);
      resolve(found.isError ? { code: found.value.code, message: found.value.message } : { value: found.value });
    };
    check();
  });

/** A call to the host, by hand; settles like window.settle. */
let calls = 0;
window.callHost = (method, input) => {
  const id = `hostile-${(calls += 1)}`;
  port.postMessage({ namespace: 'penpal', type: 'CALL', id, methodPath: [method], args: [input] });
  return window.reply(id);
};

let nonces = 0;
window.freshNonce = () => `hostile-nonce-${Date.now()}-${(nonces += 1)}-0123456789abcdef`;

/** Every connect the host answers is counted; the one for `waiting` starts penpal's handshake on its port. */
let waiting;
window.marks = 0;
addEventListener('message', (event) => {
  if (event.source === parent && event.data === 'mark') window.marks += 1;
  if (event.source !== parent || event.data?.type !== 'connect') return;
  window.connects += 1;
  if (!waiting || event.data.nonce !== waiting.nonce) return;
  const { resolve } = waiting;
  waiting = undefined;
  window.connected = false;
  port = event.ports[0];
  port.onmessage = ({ data }) => {
    window.inbox.push(data);
    // penpal's handshake by hand: our SYN's id "0" sorts first, so the real side leads and sends ACK1.
    if (data.namespace === 'penpal' && data.type === 'ACK1') {
      port.postMessage({ namespace: 'penpal', type: 'ACK2' });
      window.connected = true;
      resolve();
    }
    if (data.type === 'CALL') {
      const answer = window.answer(data);
      if (answer !== undefined) port.postMessage(answer);
    }
    if (data.frameport && data.type === 'ping') port.postMessage({ ...data, type: 'pong' });
  };
  port.postMessage({ namespace: 'penpal', type: 'SYN', participantId: '0' });
});

/** A ready with a fresh nonce, as a reloaded widget sends; resolves once the port handshake completes. */
window.handshake = () =>
  new Promise((resolve) => {
    const nonce = window.freshNonce();
    waiting = { nonce, resolve };
    parent.postMessage({ frameport: 'frameport/1', type: 'ready', nonce }, allowed);
  });

if (!params.has('manual')) window.handshake();
