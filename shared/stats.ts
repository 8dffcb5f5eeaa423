import type { FrameportErrorCode } from './errors.ts';

/** Why a message was refused. A refusal never echoes the payload that caused it. */
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

export interface Refusal {
  reason: RefusedReason;
  code: FrameportErrorCode;
  message: string;
  /** The method named in a refused call, when it was a string. */
  method?: string;
  /** The origin of a refused window message. */
  origin?: string;
}

export interface Stats {
  connects: number;
  disconnects: number;
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
