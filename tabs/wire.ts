/**
 * What travels on the channel. Keys are one letter because every tab reads every message and
 * because the names ship in the bundle. Nothing here is trusted: any script of the origin can
 * post anything on a BroadcastChannel of any name, so the channel checks every field.
 *
 * - `i`: the sender's tab id (random per channel; a hostile sender can pick any, so it only
 *   serves rate limiting and tie-breaks)
 * - `k`: `e` an event `{ t: topic, v: value }`; `s` states `{ s: entries }`; `q` the same
 *   plus a request for everyone's states (sent by a tab that opens or comes back)
 */
export type Entry = [topic: string, value: unknown, clock: number, writer: string];
export type Body = { k: 'e'; t: string; v: unknown } | { k: 's' | 'q'; s: Entry[] };
export type Message = Body & { i: string };

/** Tab ids are about 11 characters; anything much longer would only cost memory as a map key. */
export const isId = (value: unknown): value is string => typeof value === 'string' && value.length <= 64;
