import { createTabChannel } from '/dist/tabs.mjs';
import { z } from 'zod';

// A tab of a shop, driven by test/tabs.test.ts through `window.tab` (typed in hooks.d.ts).
// Query: name (the channel), variant=old (an older version of the app: looser schemas and one
// more topic), echo (listeners publish back what they get), rateLimit=off, maxBytes, manual
// (no channel until the test calls join()).
const params = new URLSearchParams(location.search);

// Instrumentation: every BroadcastChannel the SDK opens and whether it closed it, and a switch
// that holds incoming messages back, so that two tabs can write "at once" deterministically.
const channels = [];
let held;
const Native = window.BroadcastChannel;
window.BroadcastChannel = class extends Native {
  constructor(name) {
    super(name);
    this.closedByUs = false;
    channels.push(this);
  }
  close() {
    this.closedByUs = true;
    super.close();
  }
  set onmessage(handler) {
    super.onmessage = handler && ((event) => (held ? held.push(() => handler(event)) : handler(event)));
  }
  get onmessage() {
    return super.onmessage;
  }
};

const old = params.get('variant') === 'old';
const topics = {
  login: { kind: 'event', schema: z.object({ user: z.string() }) },
  note: { kind: 'event', schema: z.object({ text: old ? z.string() : z.string().max(100) }) },
  cart: { kind: 'state', schema: z.object({ items: old ? z.number() : z.number().int().min(0) }) },
  theme: { kind: 'state', schema: z.enum(old ? ['light', 'dark', 'neon'] : ['light', 'dark']) },
  ...(old && { admin: { kind: 'event', schema: z.unknown() } }),
  ...Object.fromEntries(['a', 'b', 'c'].map((key) => [`extra.${key}`, { kind: 'state', schema: z.number() }])),
};

const tab = {
  bootId: Math.random(),
  shows: [],
  log: [],
  refusals: [],
  leadership: [],
  channel: undefined,
  openChannels: () => channels.filter((channel) => !channel.closedByUs).length,
  channelCount: () => channels.length,
  hold: () => {
    held = [];
  },
  release: () => {
    const queue = held ?? [];
    held = undefined;
    for (const deliver of queue) deliver();
  },
  state: (topic) => tab.channel.get(topic),
  /** Values logged for one topic, in order. */
  seen: (topic) => tab.log.filter(([name]) => name === topic).map(([, value]) => value),
  join(options = {}) {
    const channel = createTabChannel(params.get('name') ?? 'shop', {
      topics,
      ...(params.get('rateLimit') === 'off' && { rateLimit: false }),
      ...(params.has('maxBytes') && { maxBytes: Number(params.get('maxBytes')) }),
      ...options,
    });
    for (const topic of Object.keys(topics)) {
      channel.on(topic, (value) => {
        tab.log.push([topic, value]);
        if (params.has('echo')) channel.publish(topic, value);
      });
    }
    channel.on('refused', (refusal) => tab.refusals.push(refusal));
    channel.on('leader', () => tab.leadership.push('leader'));
    channel.on('follower', () => tab.leadership.push('follower'));
    tab.channel = channel;
    return channel;
  },
  /** Resolves once `predicate()` holds, looking again after each task: no fixed waits. */
  until: (predicate) =>
    new Promise((resolve) => {
      const check = () => (predicate() ? resolve(true) : setTimeout(check, 5));
      check();
    }),
  /** Runs `run`, turning a thrown error into its code, so Playwright can carry it. */
  settle: (run) => {
    try {
      return { value: run() };
    } catch (error) {
      return { code: error.code, message: error.message };
    }
  },
};
addEventListener('pageshow', (event) => tab.shows.push(event.persisted));
window.tab = tab;
if (!params.has('manual')) tab.join();
tab.ready = true;
