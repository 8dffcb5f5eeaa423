import { connectToHost } from '/dist/guest.mjs';
import { share } from '/dist/share.mjs';

// Test hooks: a widget whose one button shares through its host, politely or not.
const params = new URLSearchParams(location.search);
const widget = {
  outcomes: [],
  unhandled: 0,
  data: { title: 'Red scarf', text: 'Look at this', url: '/products/red-scarf' },
  /** How many times one click calls share(). */
  times: 1,
  /** When set, a click skips share() and its checks and sends this many raw requests of `forged.data`. */
  forged: undefined,
  /** Files the test asks for by count, made here (a File does not cross page.evaluate). */
  files(count, type = 'image/png') {
    return Array.from({ length: count }, (_, n) => new File([new Uint8Array(16)], `photo-${n}.png`, { type }));
  },
};
window.addEventListener('unhandledrejection', () => (widget.unhandled += 1));

const host = await connectToHost({ allowedOrigins: [params.get('host')] });
widget.host = host;

/** What a hostile widget does: the host's request format, with data share() would never send. */
function forge({ data, count, noPort = false }) {
  // The link's own port (what share() posts on): a hostile widget can post anything there.
  const link = host[Symbol.for('frameport.guard')]();
  for (let n = 0; n < count; n += 1) {
    const { port1, port2 } = new MessageChannel();
    // The host's `started` is not an answer: its outcome follows.
    port1.onmessage = ({ data: answer }) => answer?.started || widget.outcomes.push(answer);
    link.postMessage({ frameport: 'frameport/1', type: 'share', data }, noPort ? [] : [port2]);
  }
}

document.querySelector('#share').addEventListener('click', () => {
  if (widget.forged) return forge(widget.forged);
  for (let n = 0; n < widget.times; n += 1) share(widget.data, { host }).then((outcome) => widget.outcomes.push(outcome));
});
// A request as soon as connected: no click anywhere, so no activation on either page.
// A request with no click anywhere: the test runs it without a user gesture (CDP), once the host's is gone.
widget.forgeUnasked = () => forge({ data: { title: 'unasked', url: 'https://spam.example/' }, count: 1 });
window.shareWidget = widget;
window.connected = true;
