import type { StandardSchemaV1 } from '@standard-schema/spec';
import { FrameportError } from '../shared/errors.ts';
import { checkKeys } from '../shared/options.ts';
import { isSchema } from '../shared/schema.ts';

/**
 * A topic: its schema, and whether it carries events (delivered once) or a state (the latest value).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { TopicSpec } from 'frameport/tabs';
 *
 * const theme = { kind: 'state', schema: z.enum(['light', 'dark', 'system']) } satisfies TopicSpec;
 * const logout = { kind: 'event', schema: z.object({ reason: z.enum(['user', 'expired']) }) } satisfies TopicSpec;
 * ```
 */
export interface TopicSpec<S extends StandardSchemaV1 = StandardSchemaV1> {
  /**
   * `'event'`: delivered once to every other open tab (sign-in, sign-out, a notice).
   * `'state'`: the latest value, which a tab that opens or comes back gets at once (cart, theme).
   */
  kind: 'event' | 'state';
  /** Any Standard Schema: every tab checks each value against it before a listener sees it. */
  schema: S;
}

/**
 * Every topic of a channel by name: a letter, then up to 63 letters, digits, `_ . : -`; not
 * `refused`, `leader` or `follower`, which `on()` keeps for itself.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { Topics } from 'frameport/tabs';
 *
 * const shopTopics = {
 *   login: { kind: 'event', schema: z.object({ userId: z.string(), name: z.string().max(200) }) },
 *   cart: { kind: 'state', schema: z.object({ items: z.array(z.object({ sku: z.string(), qty: z.number() })).max(500) }) },
 * } satisfies Topics;
 * ```
 */
export type Topics = Record<string, TopicSpec>;

/**
 * A token bucket for what one tab sends: `burst` messages at once, then `perSecond`. The
 * channel as a whole takes ten times that from all tabs together.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createTabChannel, type Rate } from 'frameport/tabs';
 *
 * // A live cursor position: frequent, small.
 * const rateLimit: Partial<Rate> = { burst: 30, perSecond: 60 };
 * createTabChannel('editor', { topics: { cursor: { kind: 'state', schema: z.number().int() } }, rateLimit });
 * ```
 */
export interface Rate {
  /** Messages at once after a quiet period. Default 100. */
  burst: number;
  /** Messages per second over time. Default 50. */
  perSecond: number;
}

/**
 * Options of `createTabChannel`. Only `topics` is required; every tab of the app must use the
 * same topics (an older tab with an older schema is refused, never trusted).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createTabChannel } from 'frameport/tabs';
 *
 * const tabs = createTabChannel('shop', {
 *   topics: { theme: { kind: 'state', schema: z.enum(['light', 'dark', 'system']) } },
 *   rateLimit: { burst: 20, perSecond: 10 },
 *   maxBytes: 4_096,
 *   debug: location.hostname === 'localhost',
 * });
 * ```
 */
export interface TabChannelOptions<T extends Topics> {
  /** Every topic the channel carries; a message on any other is refused. */
  topics: T;
  /**
   * What one tab may send, as a token bucket; all tabs together may send ten times that.
   * `false` turns both off. Default `{ burst: 100, perSecond: 50 }`.
   */
  rateLimit?: Partial<Rate> | false;
  /** Largest value accepted, in estimated bytes (see the README). Default 65 536. */
  maxBytes?: number;
  /** Logs what the channel does and refuses with `console.debug`. */
  debug?: boolean;
}

/** A letter first keeps out `__proto__` and friends; `on()` uses the reserved names for itself. */
const topicName = /^(?!(refused|leader|follower)$)[a-z][\w.:-]{0,63}$/i;
const positive = (value: unknown): boolean => typeof value === 'number' && value > 0 && value < Infinity;

export function parseOptions(
  name: unknown,
  options: TabChannelOptions<Topics>,
): { topics: Map<string, TopicSpec>; rate: Rate; maxBytes: number } {
  const fail = (what: string): never => {
    throw new FrameportError('INVALID_OPTIONS', `createTabChannel: ${what}`);
  };
  if (typeof name !== 'string' || !topicName.test(name)) fail('name must be a letter, then up to 63 letters, digits, _ . : -');
  if (typeof options !== 'object' || !options) fail('options must be an object');
  const { topics, rateLimit = {}, maxBytes = 65_536, debug = false } = checkKeys(options, ['topics', 'rateLimit', 'maxBytes', 'debug'], '');
  const limited = rateLimit !== false;
  const specs = new Map<string, TopicSpec>();
  for (const [topic, spec] of Object.entries(typeof topics === 'object' && topics ? topics : fail('topics must be an object'))) {
    if (!topicName.test(topic) || !isSchema(spec?.schema) || !['event', 'state'].includes(spec.kind)) {
      fail(
        `topics.${topic.slice(0, 64)}: a name like "cart" (not refused, leader, follower) and { kind: 'event' | 'state', schema: a Standard Schema }`,
      );
    }
    specs.set(topic, checkKeys(spec, ['kind', 'schema'], `topics.${topic}`));
  }
  // `false`: buckets that never run dry.
  const { burst = 100, perSecond = 50 } = !limited
    ? { burst: Infinity, perSecond: 0 }
    : checkKeys(
        typeof rateLimit === 'object' && rateLimit ? rateLimit : fail('rateLimit must be an object or false'),
        ['burst', 'perSecond'],
        'rateLimit',
      );
  if (limited && !(positive(burst) && positive(perSecond))) fail('rateLimit: burst and perSecond must be positive numbers');
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 64) fail('maxBytes must be an integer of at least 64');
  if (typeof debug !== 'boolean') fail('debug must be a boolean');
  return { topics: specs, rate: { burst, perSecond }, maxBytes };
}
