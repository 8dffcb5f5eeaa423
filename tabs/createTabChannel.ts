import type { StandardSchemaV1 } from '@standard-schema/spec';
import { createLog } from '../shared/debug.ts';
import { FrameportError } from '../shared/errors.ts';
import { createEmitter } from '../shared/events.ts';
import { validate } from '../shared/schema.ts';
import { createBucket as bucket } from '../shared/rateLimit.ts';
import { isNewer, type Stamp } from './clock.ts';
import { elect } from './election.ts';
import { watchLifecycle } from '../shared/lifecycle.ts';
import { inspect } from './measure.ts';
import { parseOptions, type TabChannelOptions, type Topics, type TopicSpec } from './options.ts';
import type { TabRefusal, TabRefusedReason } from './refusal.ts';
import { createSenderLimits } from './senders.ts';
import { isId, type Body, type Entry } from './wire.ts';

type Input<T extends TopicSpec> = StandardSchemaV1.InferInput<T['schema']>;
type Output<T extends TopicSpec> = StandardSchemaV1.InferOutput<T['schema']>;
type StateTopic<T extends Topics> = { [K in keyof T & string]: T[K]['kind'] extends 'state' ? K : never }[keyof T & string];

/**
 * One app's channel between its tabs, as `createTabChannel` returns it: publish, read the
 * latest states, listen, and learn whether this tab leads.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createTabChannel, type TabChannel } from 'frameport/tabs';
 *
 * const topics = {
 *   cart: { kind: 'state', schema: z.object({ items: z.array(z.object({ sku: z.string(), qty: z.number().int() })) }) },
 * } as const;
 * const tabs: TabChannel<typeof topics> = createTabChannel('shop', { topics });
 * tabs.publish('cart', { items: [{ sku: 'tea', qty: 2 }] });
 * console.log(tabs.get('cart')?.items.length, tabs.isLeader, tabs.stats().refused);
 * // Only when the app drops tab sync for good (close() is final; the channel handles the back/forward cache itself):
 * tabs.close();
 * ```
 */
export interface TabChannel<T extends Topics> {
  /**
   * Sends an event to every other open tab, or sets a state here and in every other tab. The
   * value is checked here as the other tabs will check it; throws `INVALID_INPUT` (unknown
   * topic, schema, size, not plain data), `RATE_LIMITED` (over this tab's rate) or `DESTROYED`.
   */
  publish<K extends keyof T & string>(topic: K, value: Input<T[K]>): void;
  /** A state's latest value as its schema parsed it, from this tab or another; `undefined` until there is one. */
  get<K extends StateTopic<T>>(topic: K): Output<T[K]> | undefined;
  /** What other tabs publish (never this tab's own): each event once, a state when it changes. */
  on<K extends keyof T & string>(topic: K, listener: (value: Output<T[K]>) => void): () => void;
  /** Each message from another tab that was dropped, and why; never its value. */
  on(event: 'refused', listener: (refusal: TabRefusal) => void): () => void;
  /** This tab became the channel's one leader, or stopped being it. */
  on(event: 'leader' | 'follower', listener: () => void): () => void;
  /** True while this tab holds the channel's leadership (its Web Lock). */
  readonly isLeader: boolean;
  /** Refusals so far, by reason. */
  stats(): {
    /** Messages dropped since the channel was created, by reason. */
    refused: Record<TabRefusedReason, number>;
  };
  /** Leaves the channel for good: gives up leadership, closes the channel, removes every listener. */
  close(): void;
}

interface State extends Stamp {
  /** As received or published: what this tab passes on when another asks. */
  raw: unknown;
  /** As the schema parsed it: what `get` and listeners see. */
  value: unknown;
}

/** Answers to "what are the states?": a few at once, then at most one per interval. */
const answerBurst = 10;
const answerInterval = 250;

/**
 * A BroadcastChannel between the tabs of one origin (inside a cross-site frame: of one
 * top-level site) that carries declared topics only, each value checked against its schema,
 * size and sender's rate, with states that converge in every tab and one leader at a time.
 *
 * Any script of the origin can post on a `BroadcastChannel`, so send facts, not secrets ("signed
 * in as Ada", never a token). What fails a check is dropped, counted and reported as `refused`,
 * never thrown into the app.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` for a bad channel name, an unknown option, a topic
 * without a Standard Schema or named `refused` / `leader` / `follower`, or limits out of range.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createTabChannel } from 'frameport/tabs';
 *
 * export const tabs = createTabChannel('shop', {
 *   topics: {
 *     login: { kind: 'event', schema: z.object({ userId: z.string(), name: z.string().max(200) }) },
 *     logout: { kind: 'event', schema: z.object({ reason: z.enum(['user', 'expired']) }) },
 *     theme: { kind: 'state', schema: z.enum(['light', 'dark', 'system']) },
 *   },
 * });
 * tabs.on('logout', () => location.assign('/signed-out'));
 * tabs.on('theme', (theme) => (document.documentElement.dataset.theme = theme));
 * tabs.on('leader', () => console.log('this tab refreshes the token now'));
 * tabs.publish('theme', 'dark');
 * ```
 */
export function createTabChannel<T extends Topics>(name: string, options: TabChannelOptions<T>): TabChannel<T> {
  const { topics, rate, maxBytes } = parseOptions(name, options);
  const log = createLog(options.debug, 'tabs');
  const events = createEmitter<Record<string, unknown>>();
  const allowed = createSenderLimits(rate);
  const outgoing = bucket(rate.burst, rate.perSecond);
  const answers = bucket(answerBurst, 1000 / answerInterval);
  const states = new Map<string, State>();
  const refused: Record<TabRefusedReason, number> = { shape: 0, topic: 0, value: 0, size: 0, rate: 0 };
  const stateCount = [...topics.values()].filter((spec) => spec.kind === 'state').length;
  // The version is in the name: tabs speaking another wire format must not hear each other.
  const channelName = `frameport-tabs/1:${name}`;
  // Ids only tell tabs apart (every message shows them): no need for crypto.randomUUID, which
  // insecure contexts lack while they do have BroadcastChannel.
  const id = Math.random().toString(36).slice(2);
  let clock = 0;
  let leader = false;
  let closed = false;
  /** Above 0 while listeners handle another tab's message: what they publish stays here. */
  let dispatching = 0;
  let channel: BroadcastChannel | undefined;
  let resign: (() => void) | undefined;
  let pendingAnswer: ReturnType<typeof setTimeout> | undefined;

  const refuse = (reason: TabRefusedReason, message: string, topic?: string): void => {
    refused[reason] += 1;
    log?.('refused', reason, message, topic);
    events.emit('refused', { reason, message, ...(topic && { topic }) });
  };

  /** The value as the topic's schema parses it, or why it may not travel. */
  const examine = (topic: unknown, value: unknown, kind?: string): { value: unknown } | [TabRefusedReason, string] => {
    const spec = topics.get(topic as string);
    if (!spec || (kind && spec.kind !== kind)) return ['topic', `not a declared ${kind ?? 'event or state'} topic`];
    const parsed = inspect(value, maxBytes) ?? validate(spec.schema, value);
    return 'ok' in parsed && !parsed.ok ? ['value', parsed.message] : parsed;
  };

  const dispatch = (topic: string, value: unknown): void => {
    dispatching += 1;
    try {
      events.emit(topic, value);
    } finally {
      dispatching -= 1;
    }
  };

  /** Hands a value from another tab to `apply` once it passes `examine`; refuses it otherwise. */
  const accept = (topic: unknown, value: unknown, kind: string, apply: (parsed: unknown) => void): void => {
    const result = examine(topic, value, kind);
    if (Array.isArray(result)) refuse(...result, topics.has(topic as string) ? (topic as string) : undefined);
    else apply(result.value);
  };

  const post = (body: Body): void => channel?.postMessage({ ...body, i: id });
  const entries = (): Entry[] => [...states].map(([topic, { raw, c, w }]) => [topic, raw, c, w]);
  const sendStates = (): void => {
    pendingAnswer = undefined;
    if (states.size) post({ k: 's', s: entries() });
  };

  // Answers go to every tab, so one serves all that asked. Throttled, so that a flood of
  // questions cannot make the leader send more than the other tabs accept from it.
  const answer = (): void => {
    if (!pendingAnswer) {
      if (answers()) sendStates();
      else pendingAnswer = setTimeout(sendStates, answerInterval);
    }
  };

  const merge = (entry: unknown): void => {
    const [topic, raw, c, w]: unknown[] = Array.isArray(entry) ? entry : [];
    if (!Number.isSafeInteger(c) || (c as number) < 0 || !isId(w)) return refuse('shape', 'a malformed state entry');
    const stamp = { c: c as number, w };
    accept(topic, raw, 'state', (value) => {
      // `accept` calls back for declared topics only.
      const name = topic as string;
      if (!isNewer(stamp, states.get(name))) return;
      clock = Math.max(clock, stamp.c);
      states.set(name, { raw, value, ...stamp });
      dispatch(name, value);
    });
  };

  const receive = ({ data }: MessageEvent): void => {
    const { i, k, t, v, s } = (typeof data === 'object' && data) || {};
    if (!isId(i)) return refuse('shape', 'not a frameport tab message');
    if (!allowed(i)) return refuse('rate', 'over the rate limit');
    if (k === 'e') return accept(t, v, 'event', (value) => dispatch(t, value));
    if ((k !== 's' && k !== 'q') || !Array.isArray(s) || s.length > stateCount) return refuse('shape', 'not a frameport tab message');
    for (const entry of s) merge(entry);
    if (k === 'q' && leader) answer();
  };

  const onLeadership = (isLeader: boolean): void => {
    leader = isLeader;
    log?.(isLeader ? 'leader' : 'follower');
    events.emit(isLeader ? 'leader' : 'follower', undefined);
    // A tab that asked while leadership was changing hands got no answer: this is it.
    if (isLeader) answer();
  };

  const open = (): void => {
    if (channel || closed) return;
    channel = new BroadcastChannel(channelName);
    channel.onmessage = receive;
    channel.onmessageerror = () => refuse('shape', 'a message that could not be deserialized');
    resign = elect(channelName, onLeadership);
    // Asks for what was written while this tab was away, and sends what it wrote meanwhile.
    post({ k: 'q', s: entries() });
  };

  const suspend = (): void => {
    clearTimeout(pendingAnswer);
    pendingAnswer = undefined;
    resign?.();
    channel?.close();
    channel = resign = undefined;
  };

  const stopWatching = watchLifecycle(suspend, open);
  open();

  return {
    publish(topic, value) {
      if (closed) throw new FrameportError('DESTROYED', 'this tab channel is closed');
      const result = examine(topic, value);
      if (Array.isArray(result)) throw new FrameportError('INVALID_INPUT', `${topic}: ${result[1]}`);
      // Every other tab got the message this listener handles and runs the same listener, so
      // sending what it publishes would only bounce between tabs (the guide's loop flag, built in).
      const send = !dispatching;
      if (send && !outgoing()) throw new FrameportError('RATE_LIMITED', `${topic}: over this tab's rate limit`);
      if (topics.get(topic)?.kind === 'event') {
        if (send) post({ k: 'e', t: topic, v: value });
      } else {
        // Sent before it is kept: a value the browser cannot clone (a function inside) changes nothing.
        const c = clock + 1;
        if (send) post({ k: 's', s: [[topic, value, c, id]] });
        clock = c;
        states.set(topic, { raw: value, value: result.value, c, w: id });
      }
      if (!send) log?.('kept in this tab (published from a listener)', topic);
    },
    get: (topic) => states.get(topic)?.value as never,
    // The overloads above type each name; underneath, one emitter keyed by name.
    on: (topic: string, listener: (value: never) => void) => events.on(topic, listener as (value: unknown) => void),
    get isLeader() {
      return leader;
    },
    stats: () => ({ refused: { ...refused } }),
    close() {
      if (!closed) {
        closed = true;
        stopWatching();
        suspend();
        events.clear();
      }
    },
  };
}
