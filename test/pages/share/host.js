import { mountWidget } from '/dist/host.mjs';
import { canShare, share } from '/dist/share.mjs';

// Test hooks, on one object: a shop page with its own Share button and one widget.
const sharing = {
  /** What the stubbed navigator.share was called with (the OS sheet cannot open headless). */
  calls: [],
  outcomes: [],
  unhandled: 0,
  /** What the Share button shares, and with which options. */
  data: { title: 'Blue mug', url: '/products/blue-mug' },
  options: {},
  /** navigator.share as the test wants it: 'shared', an error name to reject with, or 'missing'. */
  stub(behaviour) {
    if (behaviour === 'missing') {
      delete navigator.share;
      delete navigator.canShare;
      return;
    }
    navigator.canShare = () => true;
    navigator.share = (data) => {
      sharing.calls.push({ ...data, files: data.files?.map((file) => `${file.name} ${file.type} ${file.size}`) });
      return behaviour === 'shared' ? Promise.resolve() : Promise.reject(new DOMException('the stub says no', behaviour));
    };
  },
  /** Clipboard writes, without asking Chromium for the permission. */
  stubClipboard() {
    sharing.copied = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text) => void sharing.copied.push(text) } });
  },
  canShare,
  mount(mode, query = '') {
    const src = `${sharing.guestOrigin}/test/pages/share/widget.html?host=${encodeURIComponent(location.origin)}${query}`;
    sharing.widget = mountWidget({ container: document.body, title: 'share widget', src, share: mode, autoResize: false });
    sharing.widget.iframe.style.height = '120px';
    return sharing.widget.ready;
  },
  refused: () => sharing.widget.stats().refused,
};
const params = new URLSearchParams(location.search);
sharing.guestOrigin = params.get('guest');
// Mounted by the page itself, so that no page.evaluate lends the page a user gesture first.
if (params.has('mount')) {
  sharing.stub('shared');
  sharing.mount(params.get('mount') === 'false' ? false : params.get('mount'), params.get('widget') ?? '');
}
window.addEventListener('unhandledrejection', () => (sharing.unhandled += 1));
document.querySelector('#share').addEventListener('click', () => {
  share(sharing.data, sharing.options).then((outcome) => sharing.outcomes.push(outcome));
});
// Nobody has clicked yet: the activation check must say so.
sharing.withoutClick = share(sharing.data);
window.sharing = sharing;
