import { mountWidget } from '/dist/host.mjs';
import { contract } from './contract.js';
import { documentedCodes, seeded } from './random.js';

// The chaos driver. It calls the guest's `add` in pipelines while, at moments drawn from a
// seeded PRNG, the guest reloads or navigates away and back (asked by the host, or by itself)
// and the host destroys its widget and mounts a fresh one. Every call is tallied here; the
// page keeps no reference to a widget once it has been destroyed.
const { sleep } = window.chaosTimers;
const documented = new Set(documentedCodes);
let current;

/**
 * Runs the chaos and returns the tally. `config`: seed, guestSrc, awaySrcs, hostCalls,
 * guestCalls, callTimeout, heartbeatInterval, chaosRate, guestWithin.
 */
async function run(config) {
  const random = seeded(config.seed);
  const tally = {
    calls: { add: 0, reload: 0, navigate: 0 },
    values: 0,
    codes: {},
    wrong: [],
    unexpected: [],
    unsettled: [],
    settledTwice: [],
    events: {},
    widgets: 0,
    connects: 0,
    disconnects: {},
    refused: {},
    errors: {},
    guestCallsAnswered: 0,
    finalReady: 'pending',
  };
  const count = (where, key) => (where[key] = (where[key] ?? 0) + 1);

  const mount = () => {
    const index = (tally.widgets += 1);
    const widget = mountWidget({
      container: document.body,
      title: `chaos widget ${index}`,
      src: config.guestSrc,
      contract,
      rateLimit: false,
      callTimeout: config.callTimeout,
      heartbeatInterval: config.heartbeatInterval,
      methods: {
        mul: ({ a, b }) => {
          tally.guestCallsAnswered += 1;
          return a * b;
        },
      },
    });
    widget.on('connect', () => (tally.connects += 1));
    widget.on('disconnect', ({ code }) => count(tally.disconnects, code));
    widget.on('refused', ({ reason, code }) => count(tally.refused, `${reason}:${code}`));
    widget.on('error', ({ code }) => count(tally.errors, code));
    return { widget, index };
  };

  /** Call id → its record; `settles` counts both callbacks, so a second settlement would show. */
  const records = new Map();
  let nextId = 0;
  const track = (kind, target, promise, expected) => {
    const id = (nextId += 1);
    const record = { kind, widget: target.index, settles: 0, at: performance.now() };
    records.set(id, record);
    tally.calls[kind] += 1;
    const settled = () => {
      record.settles += 1;
      if (record.settles === 2) tally.settledTwice.push({ id, kind, widget: record.widget });
    };
    return promise.then(
      (value) => {
        settled();
        if (value === expected) tally.values += 1;
        else tally.wrong.push(`${kind} #${id} on widget ${record.widget}: ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`);
      },
      (error) => {
        settled();
        const code = error?.code;
        if (documented.has(code)) count(tally.codes, code);
        else tally.unexpected.push(`${kind} #${id} on widget ${record.widget}: ${code} ${error?.message}`);
      },
    );
  };
  const add = (target) => {
    const a = random.between(-1000, 1000);
    const b = random.between(-1000, 1000);
    return track('add', target, target.widget.remote.add({ a, b }), a + b);
  };

  /** Waits, at most `within` ms, for every call made so far to settle; notes those that did not. */
  const allSettled = async (within) => {
    const until = performance.now() + within;
    const pending = () => [...records].filter(([, record]) => record.settles === 0);
    while (pending().length > 0 && performance.now() < until) await sleep(20);
    for (const [id, { kind, widget, at }] of pending()) {
      tally.unsettled.push(`${kind} #${id} on widget ${widget}, made ${Math.round(performance.now() - at)} ms ago`);
    }
  };

  // Each event draws its parameters when it is scheduled, so one seed always makes the same plan.
  const awaySrc = () => {
    const away = new URL(config.awaySrcs[random.between(0, config.awaySrcs.length - 1)]);
    away.searchParams.set('back', config.guestSrc);
    // Now and then the frame stays away past callTimeout, so calls waiting for it time out.
    const long = random.next() < 0.1;
    away.searchParams.set('delay', String(long ? random.between(config.callTimeout, config.callTimeout + 1000) : random.between(0, 150)));
    return away.href;
  };
  const plans = [
    ['host reloads the frame', 2, () => () => (current.widget.iframe.src = config.guestSrc)],
    [
      'guest reloads itself',
      2,
      () => {
        const delay = random.between(0, 20);
        return () => track('reload', current, current.widget.remote.reload({ delay }), undefined);
      },
    ],
    [
      'host navigates the frame away and back',
      1,
      () => {
        const to = awaySrc();
        return () => (current.widget.iframe.src = to);
      },
    ],
    [
      'guest navigates away and back',
      1,
      () => {
        const to = awaySrc();
        const delay = random.between(0, 20);
        return () => track('navigate', current, current.widget.remote.navigate({ to, delay }), undefined);
      },
    ],
    [
      'host destroys and remounts',
      2,
      () => () => {
        current.widget.destroy();
        current = mount();
      },
    ],
  ];
  const totalWeight = plans.reduce((sum, [, weight]) => sum + weight, 0);
  const plan = () => {
    let draw = random.next() * totalWeight;
    for (const [name, weight, make] of plans) {
      draw -= weight;
      if (draw < 0) return [name, make()];
    }
    throw new Error('unreachable');
  };

  current = mount();
  let scheduled = 0;
  // The last calls go to a widget mounted after the chaos, once it has connected.
  const chaosCalls = config.hostCalls - 50;
  while (tally.calls.add < chaosCalls) {
    const batchTarget = current;
    if (random.next() < config.chaosRate) {
      const [name, act] = plan();
      scheduled += 1;
      void sleep(random.between(0, 30)).then(() => {
        scheduled -= 1;
        count(tally.events, name);
        act();
      });
    }
    const batch = [];
    const size = random.between(5, 40);
    for (let n = 0; n < size && tally.calls.add < chaosCalls; n += 1) {
      // Now and then a call goes to the widget of the batch's start, which may be destroyed by now.
      batch.push(add(random.next() < 0.1 ? batchTarget : current));
      if (random.next() < 0.1) await sleep(random.between(0, 5));
    }
    await Promise.all(batch);
  }
  while (scheduled > 0) await sleep(10);
  // Every call has a deadline of callTimeout from when it was made: none may still wait after it.
  await allSettled(3 * config.callTimeout + 5000);

  // One outage for sure that outlasts callTimeout (the random ones may be cut short by a
  // remount): once the widget has noticed the frame is gone, calls wait for it and time out.
  const away = new URL(config.awaySrcs[0]);
  away.searchParams.set('back', config.guestSrc);
  away.searchParams.set('delay', String(config.callTimeout + 1000));
  const { connects, disconnects } = current.widget.stats();
  if (connects <= disconnects) await new Promise((resolve) => current.widget.on('connect', resolve));
  // The calls wait until the away page says it is there and the widget has noticed. Until the
  // away page commits, the guest document may still run a reload or navigation a chaos event
  // scheduled in it, which takes the frame back to a guest (seen under load: it loaded and
  // connected in the away page's place); then the frame is sent away again.
  const frame = current.widget.iframe;
  count(tally.events, 'frame away past callTimeout');
  for (;;) {
    const outcome = await new Promise((resolve) => {
      const onMessage = (event) => {
        if (event.source === frame.contentWindow && event.data?.chaosAway === away.href) finish('away');
      };
      const stop = current.widget.on('connect', () => finish('back'));
      const finish = (what) => {
        removeEventListener('message', onMessage);
        stop();
        resolve(what);
      };
      addEventListener('message', onMessage);
      frame.src = away.href;
    });
    if (outcome === 'away') break;
  }
  const now = current.widget.stats();
  if (now.connects > now.disconnects) await new Promise((resolve) => current.widget.on('disconnect', resolve));
  await Promise.all(Array.from({ length: 10 }, () => add(current)));

  current.widget.destroy();
  current = mount();
  count(tally.events, 'final remount');
  tally.finalReady = await current.widget.ready.then(
    () => 'connected',
    (error) => error?.code,
  );
  await Promise.all(Array.from({ length: config.hostCalls - tally.calls.add }, () => add(current)));
  // The guest keeps calling; its quota may still need the final widget.
  const until = performance.now() + config.guestWithin;
  while (tally.guestCallsAnswered < config.guestCalls && performance.now() < until) await sleep(20);
  await allSettled(3 * config.callTimeout + 5000);
  return tally;
}

window.chaosHost = {
  run,
  destroy() {
    current?.widget.destroy();
    current = undefined;
  },
};
window.chaosReady = true;
