import { z } from 'zod';
import * as zm from 'zod/mini';
import { defineContract } from '../../shared/contract.ts';
import { createLink, type Link, type LinkEvents } from '../../shared/link.ts';
import type { RateLimitOptions } from '../../shared/rateLimit.ts';
import type { Refusal } from '../../shared/stats.ts';

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
    anything: { input: z.unknown() },
  },
});

export interface Side {
  link: Link<LinkEvents>;
  /** Resolves once penpal's handshake on the port has completed. */
  ready: Promise<void>;
  remote: Record<'status' | 'wait' | 'anything', (input?: unknown) => Promise<unknown>>;
  refused: Refusal[];
  seen: { method: string; input: unknown }[];
  /** When the link dropped its peer for flooding. */
  floods: number[];
}

/** The host side of a link over a real MessageChannel; the other port is the test's. */
export function hostSide(port: MessagePort, rateLimit: RateLimitOptions | false = false, callTimeout = 5000): Side {
  const refused: Refusal[] = [];
  const seen: Side['seen'] = [];
  const floods: number[] = [];
  const record =
    <T>(method: string, result: (input: T) => unknown) =>
    (input: T) => {
      seen.push({ method, input });
      return result(input);
    };
  const link = createLink<LinkEvents>(
    'host',
    {
      contract,
      rateLimit,
      callTimeout,
      handshakeTimeout: 5000,
      methods: {
        add: record('add', ({ a, b }: { a: number; b: number }) => a + b),
        echo: record('echo', (input: unknown) => input),
        scale: record('scale', ({ x }: { x: number }) => x * 2),
      },
    },
    [],
  );
  link.events.on('refused', (refusal) => refused.push(refusal));
  const ready = new Promise<void>((resolve) => {
    link.open(port, 'https://guest.example', {
      onConnected: () => resolve(),
      onLost: (why) => {
        if (why === 'flood') floods.push(performance.now());
      },
    });
  });
  return { link, ready, remote: link.remote as Side['remote'], refused, seen, floods };
}
