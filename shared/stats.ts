import type { FrameportErrorCode } from './errors.ts';

/**
 * Why a message was refused. A refusal never echoes the payload that caused it. Each reason is
 * counted in `stats().refused`, so a monitor can tell a misconfigured origin (`origin`) from a
 * contract mismatch (`input`, `method`) or a flood (`rate`).
 *
 * @example
 * ```ts
 * import type { RefusedReason } from 'frameport';
 *
 * // Reasons that point at our own configuration rather than at a hostile peer.
 * const configReasons: readonly RefusedReason[] = ['origin', 'method', 'input', 'output'];
 * ```
 */
export type RefusedReason =
  | 'origin' // from an origin that is not the expected one
  | 'source' // from a window that is not the widget's frame (or its parent), or not a real event
  | 'shape' // not a well-formed protocol message, or one this side never asked for (a stray pong)
  | 'nonce' // a handshake answer to a handshake we did not start
  | 'method' // a method the contract does not declare
  | 'input' // arguments that fail the method's input schema or the value check
  | 'output' // a result that fails the method's output schema or the value check
  | 'rate' // over a budget: calls, resize reports, ready messages
  | 'size' // a resize report that is not a finite, non-negative size
  | 'clone' // a message the browser could not deserialize (messageerror)
  | 'grant'; // a call a grant no longer allows (revoked, used up, expired)

export const refusedReasons: readonly RefusedReason[] = [
  'origin',
  'source',
  'shape',
  'nonce',
  'method',
  'input',
  'output',
  'rate',
  'size',
  'clone',
  'grant',
];

/**
 * The payload of a `refused` event: a message from the other side (or a stranger) was dropped,
 * counted, and the link stays up. Log it, alert on it; it never carries the refused value.
 *
 * @example
 * ```ts
 * import type { Refusal } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * const widget = mountWidget({ container: document.body, src: 'https://chat.example/', title: 'Chat' });
 * widget.on('refused', (refusal: Refusal) => {
 *   console.warn(`frameport refused (${refusal.reason}, ${refusal.code}): ${refusal.message}`, refusal.method ?? '', refusal.origin ?? '');
 * });
 * ```
 */
export interface Refusal {
  /** Which check refused it. */
  reason: RefusedReason;
  /** The `FrameportError` code for this refusal; a refused call is answered with it. */
  code: FrameportErrorCode;
  /** What was wrong, for people; names paths and kinds, never the value. */
  message: string;
  /** The method named in a refused call, when it was a string. */
  method?: string;
  /** The origin of a refused window message. */
  origin?: string;
}

/**
 * What `stats()` returns: counts since the widget (or link) was created, kept across reconnects.
 * A snapshot: a copy that later events do not change.
 *
 * @example
 * ```ts
 * import type { Stats } from 'frameport';
 * import { mountWidget } from 'frameport/host';
 *
 * const widget = mountWidget({ container: document.body, src: 'https://chat.example/', title: 'Chat' });
 * setInterval(() => {
 *   const stats: Stats = widget.stats();
 *   const refused = Object.values(stats.refused).reduce((sum, count) => sum + count, 0);
 *   if (refused > 0) console.warn('chat widget refusals', stats.refused);
 * }, 60_000);
 * ```
 */
export interface Stats {
  /** Connections made: the first, and one per reload of the other side. */
  connects: number;
  /** Connections that ended (reload, navigation, missed heartbeats, flood, `destroy()`). */
  disconnects: number;
  /** Refused messages, by reason. */
  refused: Record<RefusedReason, number>;
}

/** Counts what a link did and refused; `snapshot()` is what `stats()` returns. */
export function createStats(): { count(refusal: Refusal): void; connected(): void; disconnected(): void; snapshot(): Stats } {
  const stats: Stats = {
    connects: 0,
    disconnects: 0,
    refused: Object.fromEntries(refusedReasons.map((reason) => [reason, 0])) as Record<RefusedReason, number>,
  };
  return {
    count: (refusal) => {
      stats.refused[refusal.reason] += 1;
    },
    connected: () => {
      stats.connects += 1;
    },
    disconnected: () => {
      stats.disconnects += 1;
    },
    snapshot: () => ({ ...stats, refused: { ...stats.refused } }),
  };
}
