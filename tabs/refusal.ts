/**
 * Why a message from another tab was dropped; counted in `stats().refused`.
 *
 * @example
 * ```ts
 * import type { TabRefusedReason } from 'frameport/tabs';
 *
 * // Refusals that suggest an old tab with an older build, rather than abuse.
 * const staleBuild: readonly TabRefusedReason[] = ['topic', 'value'];
 * ```
 */
export type TabRefusedReason =
  | 'shape' // not a message of this protocol
  | 'topic' // a topic the channel does not declare, or of the other kind
  | 'value' // fails the topic's schema, is not plain data, or has an own `__proto__` key
  | 'size' // over `maxBytes`
  | 'rate'; // its sender, or all senders together, over the rate limit

/**
 * The payload of a tab channel's `refused` event: a message from another tab (or any script of
 * the origin) was dropped and counted. It never carries the value, which may be hostile.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createTabChannel, type TabRefusal } from 'frameport/tabs';
 *
 * const tabs = createTabChannel('shop', { topics: { theme: { kind: 'state', schema: z.enum(['light', 'dark']) } } });
 * tabs.on('refused', ({ reason, topic, message }: TabRefusal) => console.warn('tab sync refused', reason, topic ?? '', message));
 * ```
 */
export interface TabRefusal {
  /** Which check dropped it. */
  reason: TabRefusedReason;
  /** What was wrong, in words; never the refused value itself. */
  message: string;
  /** The topic, when it is one the channel declares. */
  topic?: string;
}
