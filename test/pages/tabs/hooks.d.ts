import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { TabChannel, TabRefusal } from '../../../tabs/index.ts';

/** What test/pages/tabs/tab.js puts on `window.tab` for test/tabs.test.ts. */
export interface TabHooks {
  ready?: boolean;
  /** Random per document: the same after a back/forward-cache return, new after a reload. */
  bootId: number;
  /** `persisted` of every pageshow. */
  shows: boolean[];
  /** [topic, value] of everything listeners received. */
  log: [string, unknown][];
  refusals: TabRefusal[];
  leadership: ('leader' | 'follower')[];
  // Loosely typed on purpose: the tests also publish what the declared types forbid.
  channel: TabChannel<Record<string, { kind: 'event' | 'state'; schema: StandardSchemaV1<unknown> }>>;
  openChannels(): number;
  channelCount(): number;
  hold(): void;
  release(): void;
  seen(topic: string): unknown[];
  /** `channel.get(topic)`. */
  state(topic: string): unknown;
  join(options?: Record<string, unknown>): TabHooks['channel'];
  until(predicate: () => boolean): Promise<true>;
  settle(run: () => unknown): { value?: unknown; code?: string; message?: string };
}

declare global {
  interface Window {
    tab: TabHooks;
    hostile: { post(message: unknown): void; ready: boolean };
  }
}
