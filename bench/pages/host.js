import { connect, WindowMessenger } from 'penpal';
import { initialize as resizeWithOpenIframeResizer } from '@open-iframe-resizer/core';
import { introduce, mountWidget } from '/dist/host.mjs';
import { contract, introContract } from './contract.js';

const guestOrigin = new URLSearchParams(location.search).get('guest');
/** A third site, for a second widget cross-site to the first. */
const otherOrigin = new URLSearchParams(location.search).get('other');
const epoch = () => performance.timeOrigin + performance.now();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const guestUrl = (mode) => {
  const page = { light: 'light.html', penpal: 'penpal.html', port: 'port.html', 'resize-oir': 'oir.html' }[mode] ?? 'guest.html';
  return `${guestOrigin}/bench/pages/${page}?mode=${mode}&host=${encodeURIComponent(location.origin)}`;
};

/** The next message of `kind` from a guest frame (outside the library under test). */
const fromGuest = (kind, source) =>
  new Promise((resolve) => {
    const listener = (event) => {
      if (event.origin !== guestOrigin || !event.data?.bench || event.data.kind !== kind) return;
      if (source && event.source !== source()) return;
      removeEventListener('message', listener);
      resolve(event.data);
    };
    addEventListener('message', listener);
  });

function plainFrame(mode) {
  const iframe = document.createElement('iframe');
  iframe.title = mode;
  iframe.src = guestUrl(mode);
  document.body.append(iframe);
  return iframe;
}

const frameportOptions = (mode, extra = {}) => ({
  container: document.body,
  src: guestUrl(mode),
  title: mode,
  contract,
  methods: { ping: ({ n }) => n },
  // The limiter runs (its cost is measured) but never refuses: throughput is not capped.
  rateLimit: { burst: 1e9, perSecond: 1e9 },
  ...extra,
});

/** A way to call "echo n" through each subject, and its teardown. */
const subjects = {
  async port() {
    const iframe = plainFrame('port');
    await fromGuest('loaded', () => iframe.contentWindow);
    const { port1, port2 } = new MessageChannel();
    iframe.contentWindow.postMessage('port', guestOrigin, [port2]);
    const pending = new Map();
    let id = 0;
    port1.onmessage = ({ data }) => {
      pending.get(data.id)(data.n);
      pending.delete(data.id);
    };
    return {
      call: (n) =>
        new Promise((resolve) => {
          id += 1;
          pending.set(id, resolve);
          port1.postMessage({ id, n });
        }),
      close: () => iframe.remove(),
    };
  },
  async penpal() {
    const iframe = plainFrame('penpal');
    const connection = connect({ messenger: new WindowMessenger({ remoteWindow: iframe.contentWindow, allowedOrigins: [guestOrigin] }) });
    const remote = await connection.promise;
    return { call: (n) => remote.echo({ n }), close: () => (connection.destroy(), iframe.remove()) };
  },
  async frameport() {
    const widget = mountWidget(frameportOptions('frameport'));
    await widget.ready;
    return { call: (n) => widget.remote.echo({ n }), close: () => widget.destroy() };
  },
};

let profiled;

window.bench = {
  /** Opens one subject for `bench/profile.ts`, which profiles `profileRun` on both sides. */
  async profileOpen(name) {
    profiled?.close();
    profiled = await subjects[name]();
    for (let n = 0; n < 300; n += 1) await profiled.call(n);
  },
  async profileRun({ sequential = 2000, pipelined = 2000 } = {}) {
    for (let n = 0; n < sequential; n += 1) await profiled.call(n);
    await Promise.all(Array.from({ length: pipelined }, (_, n) => profiled.call(n)));
  },
  profileClose() {
    profiled?.close();
    profiled = undefined;
  },

  /**
   * Round trip (sequential calls) and pipelined throughput, as medians. The subjects run side by
   * side and take turns round by round, so drift (warm-up, CPU clock) falls on all of them alike.
   */
  async calls({ sequential = 200, pipelined = 1000, rounds = 21 } = {}) {
    const names = ['port', 'penpal', 'frameport'];
    const opened = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await subjects[name]()])));
    const trips = Object.fromEntries(names.map((name) => [name, []]));
    const rates = Object.fromEntries(names.map((name) => [name, []]));
    for (const name of names) for (let n = 0; n < 300; n += 1) await opened[name].call(n);
    for (let round = 0; round < rounds; round += 1) {
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const { call } = opened[name];
        // Without cross-origin isolation performance.now() is coarsened to 0.1 ms: time a batch
        // of sequential calls, not single calls.
        let t = performance.now();
        for (let n = 0; n < sequential; n += 1) await call(n);
        trips[name].push((performance.now() - t) / sequential);
        t = performance.now();
        await Promise.all(Array.from({ length: pipelined }, (_, n) => call(n)));
        rates[name].push((pipelined / (performance.now() - t)) * 1000);
      }
    }
    for (const name of names) opened[name].close();
    return Object.fromEntries(names.map((name) => [name, { roundTrip: median(trips[name]), throughput: median(rates[name]) }]));
  },

  /** From the guest script's first line to both sides connected. */
  async handshake(name, rounds = 15) {
    const times = [];
    for (let round = 0; round < rounds; round += 1) {
      let hostConnected;
      let iframe;
      let teardown;
      const guestTiming = fromGuest('timing', () => iframe?.contentWindow);
      if (name === 'penpal') {
        iframe = plainFrame('penpal');
        const connection = connect({
          messenger: new WindowMessenger({ remoteWindow: iframe.contentWindow, allowedOrigins: [guestOrigin] }),
        });
        await connection.promise;
        hostConnected = epoch();
        teardown = () => (connection.destroy(), iframe.remove());
      } else {
        const widget = mountWidget(frameportOptions('frameport'));
        iframe = widget.iframe;
        await widget.ready;
        hostConnected = epoch();
        teardown = () => widget.destroy();
      }
      const { start, connected } = await guestTiming;
      times.push(Math.max(hostConnected, connected) - start);
      teardown();
    }
    return median(times);
  },

  /** From the guest's DOM change to the iframe element having the new height. */
  async resize(name, rounds = 20) {
    let iframe;
    let close;
    if (name === 'frameport') {
      const widget = mountWidget(frameportOptions('resize-frameport', { contract: undefined, methods: undefined }));
      iframe = widget.iframe;
      await widget.ready;
      close = () => widget.destroy();
    } else {
      iframe = plainFrame('resize-oir');
      await fromGuest('loaded', () => iframe.contentWindow);
      const stop = resizeWithOpenIframeResizer({}, iframe);
      close = () => (stop.forEach?.((s) => s.unsubscribe?.()), iframe.remove());
    }
    // Let the first size settle.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const times = [];
    for (let round = 0; round < rounds; round += 1) {
      const height = 150 + (round % 2) * 50 + round;
      const resized = new Promise((resolve) => {
        const observer = new ResizeObserver(() => {
          if (Math.round(iframe.getBoundingClientRect().height) !== height) return;
          observer.disconnect();
          resolve(epoch());
        });
        observer.observe(iframe);
      });
      const grew = fromGuest('grew', () => iframe.contentWindow);
      iframe.contentWindow.postMessage({ benchCommand: 'grow', height }, guestOrigin);
      const [t1, { t0 }] = await Promise.all([resized, grew]);
      times.push(t1 - t0);
    }
    close();
    return median(times);
  },

  /** Time to mount n widgets and have them all connected. */
  async mount(count, rounds = 3) {
    const times = [];
    for (let round = 0; round < rounds; round += 1) {
      const t = performance.now();
      const widgets = Array.from({ length: count }, () =>
        mountWidget({ container: document.body, src: guestUrl('light'), title: 'light' }),
      );
      await Promise.all(widgets.map((widget) => widget.ready));
      times.push(performance.now() - t);
      for (const widget of widgets) widget.destroy();
    }
    return median(times);
  },

  /** A well-behaved widget's round trip, quiet and while another widget floods the page. */
  async flood(calls = 600) {
    const good = mountWidget(frameportOptions('frameport'));
    const flooder = mountWidget({ ...frameportOptions('flooder'), rateLimit: undefined });
    await Promise.all([good.ready, flooder.ready]);
    const trips = async () => {
      const times = [];
      for (let round = 0; round < 15; round += 1) {
        const t = performance.now();
        for (let n = 0; n < calls / 15; n += 1) await good.remote.echo({ n });
        times.push((performance.now() - t) / (calls / 15));
      }
      return median(times);
    };
    for (let n = 0; n < 100; n += 1) await good.remote.echo({ n });
    const quiet = await trips();
    // Measured from the flood's first message: the backlog before the breaker trips counts.
    flooder.iframe.contentWindow.postMessage({ benchCommand: 'flood', on: true }, guestOrigin);
    const during = await trips();
    flooder.iframe.contentWindow.postMessage({ benchCommand: 'flood', on: false }, guestOrigin);
    const refused = flooder.stats().refused.rate;
    const dropped = flooder.stats().disconnects;
    good.destroy();
    flooder.destroy();
    return { quiet, during, refused, dropped };
  },

  /**
   * Two widgets from two sites, introduced: round trip on their line vs a bare MessagePort
   * between the same two frames (measured in widget a), and the time from `introduce()` to the
   * line connected in a, vs one plain round trip to each widget at once.
   */
  async introductions({ sequential = 200, rounds = 21, introductions = 41 } = {}) {
    const unlimited = { burst: 1e9, perSecond: 1e9 };
    const mount = (origin, side) =>
      mountWidget({
        container: document.body,
        src: `${origin}/bench/pages/intro.html?side=${side}&host=${encodeURIComponent(location.origin)}`,
        title: `introduced ${side}`,
        contract: introContract,
        rateLimit: unlimited,
        callTimeout: false,
      });
    const a = mount(guestOrigin, 'a');
    const b = mount(otherOrigin, 'b');
    await Promise.all([a.ready, b.ready]);
    const { port1, port2 } = new MessageChannel();
    a.iframe.contentWindow.postMessage({ benchBare: true }, guestOrigin, [port1]);
    b.iframe.contentWindow.postMessage({ benchBare: true }, otherOrigin, [port2]);
    introduce(a, b, { name: 'line' });
    await a.remote.lineReady();
    const { line, bare } = await a.remote.compare({ sequential, rounds });

    const both = () => Promise.all([a.remote.echo({ n: 1 }), b.remote.echo({ n: 1 })]);
    // Introduced: both ends open (each widget's answer says so). Answered: a's first call over the line came back.
    const introducing = async () => {
      introduce(a, b, { name: 'line' });
      await Promise.all([a.remote.lineReady(), b.remote.lineReady()]);
    };
    // The floor: a fresh MessageChannel's ends handed to both widgets by hand, over a bare port
    // to each (as frameport's notices go over the widget's port), each answering when it has its end.
    const toWidget = [
      [a, guestOrigin],
      [b, otherOrigin],
    ].map(([widget, origin]) => {
      const { port1: ours, port2: theirs } = new MessageChannel();
      widget.iframe.contentWindow.postMessage({ benchHost: true }, origin, [theirs]);
      return ours;
    });
    const handOver = () => {
      const { port1: one, port2: two } = new MessageChannel();
      const taken = Promise.all(toWidget.map((port) => new Promise((resolve) => (port.onmessage = resolve))));
      toWidget[0].postMessage(null, [one]);
      toWidget[1].postMessage(null, [two]);
      return taken;
    };
    const answered = async () => {
      introduce(a, b, { name: 'line' });
      await a.remote.lineCall();
    };
    for (let n = 0; n < 20; n += 1) {
      await both();
      await introducing();
      await answered();
      await handOver();
    }
    const times = { introduce: [], answered: [], plain: [], handOver: [] };
    const subjects = [
      ['plain', both],
      ['handOver', handOver],
      ['introduce', introducing],
      ['answered', answered],
    ];
    for (let round = 0; round < introductions; round += 1) {
      for (const [name, run] of round % 2 ? [...subjects].reverse() : subjects) {
        // Ten at a time: one is near performance.now()'s 0.1 ms grain.
        const t = performance.now();
        for (let n = 0; n < 10; n += 1) await run();
        times[name].push((performance.now() - t) / 10);
      }
    }
    a.destroy();
    b.destroy();
    return {
      line,
      bare,
      introduce: median(times.introduce),
      answered: median(times.answered),
      plain: median(times.plain),
      handOver: median(times.handOver),
    };
  },

  async cycles(count = 500) {
    for (let cycle = 0; cycle < count; cycle += 1) {
      const widget = mountWidget({ container: document.body, src: guestUrl('light'), title: 'light' });
      await widget.ready;
      widget.destroy();
    }
    return document.querySelectorAll('iframe').length;
  },
};
window.benchReady = true;
