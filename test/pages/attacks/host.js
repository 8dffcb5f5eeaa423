import { mountWidget } from '/dist/host.mjs';
import { contract } from './contract.js';

// The page under attack. Its contract extends the connection tests' one (so a normal guest,
// test/pages/connection/guest.html, can sit next to a hostile one); it logs every widget's
// events with the widget's name, and measures its own main thread.
window.log = [];
window.handled = { greet: 0, record: 0, echo: 0 };
window.widgets = {};
window.mount = ({ name = 'widget', ...options }) => {
  const widget = mountWidget({
    container: document.body,
    title: `test widget ${name}`,
    contract,
    methods: {
      greet: ({ name: who }) => {
        window.handled.greet += 1;
        return { text: `hello ${who}` };
      },
      record: () => {
        window.handled.record += 1;
      },
      echo: (value) => {
        window.handled.echo += 1;
        return value;
      },
      sum: (numbers) => numbers.reduce((total, n) => total + n, 0),
    },
    ...options,
  });
  for (const event of ['connect', 'disconnect', 'error', 'refused']) {
    widget.on(event, (payload) => {
      const detail = { error: payload.code, refused: payload.reason, disconnect: payload.code, connect: payload.origin }[event];
      window.log.push(`${name}:${event}:${detail}`);
      if (event === 'refused')
        window.refusals.push({ widget: name, reason: payload.reason, code: payload.code, message: payload.message, at: performance.now() });
    });
  }
  window.widget = widget;
  window.widgets[name] = widget;
  return widget;
};
window.refusals = [];

/** The value or the error's code, message and, for REMOTE_ERROR, the code the peer claimed. */
window.settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) =>
      error.remoteCode === undefined
        ? { code: error.code, message: error.message }
        : { code: error.code, message: error.message, remoteCode: error.remoteCode },
  );

/**
 * The longest the main thread went without running a timer, from start() to stop(). A 4 ms
 * interval ticks on time when the thread is free; any message handler that runs long shows
 * as a gap.
 */
window.ticker = (() => {
  let timer;
  let last = 0;
  let longest = 0;
  return {
    start() {
      clearInterval(timer);
      last = performance.now();
      longest = 0;
      timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 4);
    },
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
})();

/**
 * Round trips of `add` to one widget, in batches of five one after another (a single one is
 * below the 0.1 ms this page's clock resolves): when each batch started, on the epoch clock
 * that frames share, and how long it took.
 */
window.roundTrips = async (name, count) => {
  const widget = window.widgets[name];
  const batches = [];
  for (let batch = 0; batch < count; batch += 1) {
    const started = performance.now();
    for (let n = 0; n < 5; n += 1) await widget.remote.add({ a: n, b: 1 });
    batches.push({ at: performance.timeOrigin + started, ms: performance.now() - started });
  }
  return batches;
};

/** The same, in the background until stop(), which returns them. */
window.sampler = (() => {
  let stop;
  return {
    start(name) {
      const batches = [];
      let stopped = false;
      const loop = (async () => {
        while (!stopped) batches.push(...(await window.roundTrips(name, 1)));
        return batches;
      })();
      stop = () => {
        stopped = true;
        return loop;
      };
    },
    stop: () => stop(),
  };
})();
window.ready = true;
