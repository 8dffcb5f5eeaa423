import { z } from 'zod';
import * as zm from 'zod/mini';
import { defineContract } from '../../shared/contract.ts';
import { openConnection, type Handler } from '../../shared/connection.ts';
import { createRateLimiter, type RateLimitOptions } from '../../shared/rateLimit.ts';
import type { Refusal } from '../../shared/refusals.ts';

/** Classic zod and zod/mini side by side: both must work as user schemas. */
export const contract = defineContract({
  host: {
    add: { input: z.object({ a: z.number(), b: z.number() }), output: z.number() },
    echo: { input: z.unknown() },
    scale: { input: zm.object({ x: zm.number() }), output: zm.number() },
  },
  guest: {
    status: { input: z.undefined(), output: z.object({ ok: z.boolean() }) },
    wait: { input: z.undefined() },
  },
});

export interface Side {
  connection: ReturnType<typeof openConnection>;
  refused: Refusal[];
  seen: { method: string; input: unknown }[];
  /** When the guard reported a flood. */
  floods: number[];
}

/** The host side of a link over a real MessageChannel; the other port is the test's. */
export function hostSide(port: MessagePort, rateLimit: RateLimitOptions | false = false): Side {
  const refused: Refusal[] = [];
  const seen: Side['seen'] = [];
  const floods: number[] = [];
  const record = (method: string, result: (input: unknown) => unknown): Handler => (input) => {
    seen.push({ method, input });
    return result(input);
  };
  const connection = openConnection({
    port,
    local: contract.host,
    remote: contract.guest,
    handlers: {
      add: record('add', (input) => (input as { a: number; b: number }).a + (input as { a: number; b: number }).b),
      echo: record('echo', (input) => input),
      scale: record('scale', (input) => (input as { x: number }).x * 2),
    },
    limiter: createRateLimiter(rateLimit),
    handshakeTimeout: 5000,
    refuse: (refusal) => refused.push(refusal),
    onActivity: () => undefined,
    onControl: () => undefined,
    onPeerDestroyed: () => undefined,
    onFlood: () => {
      floods.push(performance.now());
    },
    log: undefined,
  });
  return { connection, refused, seen, floods };
}
