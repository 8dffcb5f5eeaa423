import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { MethodSpecs, Remote } from '../shared/contract.ts';
import { FrameportError, type FrameportErrorCode } from '../shared/errors.ts';
import { createLink, type Link, type LinkEvents } from '../shared/link.ts';
import type { CommonOptions } from '../shared/options.ts';
import type { Refusal, Stats } from '../shared/stats.ts';

/**
 * One call the other side made that passed every check and reached `methods`, with its checked input.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { expect } from 'vitest';
 * import { createTestHost, type TestCall } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const host = createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } });
 * await host.waitForCall('paid');
 * expect(host.calls).toEqual([{ method: 'paid', input: { orderId: 'A-1001', amount: 42 } }] satisfies TestCall<typeof payment.host>[]);
 * ```
 */
export type TestCall<M extends MethodSpecs> = {
  [K in keyof M & string]: {
    /** The method called. */
    method: K;
    /** Its input, as the input schema parsed it. */
    input: StandardSchemaV1.InferOutput<M[K]['input']>;
  };
}[keyof M & string];

/**
 * What a test end reports: a side's `connect`, `disconnect` and `refused`, and each `call` that
 * reached `methods`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { createTestHost } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const host = createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } });
 * host.on('call', ({ method, input }) => console.log(method, input));
 * host.on('refused', ({ reason, code }) => console.log(reason, code));
 * ```
 */
export interface TestEvents<M extends MethodSpecs> extends LinkEvents {
  /** The other side's call reached one of `methods` (it passed the guard and the input schema). */
  call: TestCall<M>;
}

/**
 * What a test host and a test guest have in common; `Mine` are the methods this end serves.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { createTestHost, type TestEnd } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const end: TestEnd<typeof payment.host, typeof payment.guest> = createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } });
 * await end.ready;
 * const input = await end.waitForCall('paid'); // the checked input of the first call to paid
 * end.destroy();
 * ```
 */
export interface TestEnd<Mine extends MethodSpecs, Theirs extends MethodSpecs> {
  /** Resolves once the other side has connected; rejects with `HANDSHAKE_TIMEOUT` (saying why) or `DESTROYED`. */
  readonly ready: Promise<void>;
  /** The other side's methods, through the real guard. Calls made before it connects wait for it, within `callTimeout`. */
  readonly remote: Remote<Theirs>;
  /** Every call the other side made that reached `methods`, in order. Refused ones are in `refusals` instead. */
  readonly calls: readonly TestCall<Mine>[];
  /** Everything this end refused, as its `refused` event reports it: `{ reason, code, message, method? }`. */
  readonly refusals: readonly Refusal[];
  /** Resolves with the checked input of the `count`th call (default the first) to `method`, made already or to come. */
  waitForCall<K extends keyof Mine & string>(method: K, count?: number): Promise<StandardSchemaV1.InferOutput<Mine[K]['input']>>;
  /** Listens to `call`, `refused`, `connect` and `disconnect`; returns the function that stops listening. */
  on<K extends keyof TestEvents<Mine>>(event: K, listener: (payload: TestEvents<Mine>[K]) => void): () => void;
  /** Connects, disconnects and refusals by reason, as the real side's `stats()` counts them. */
  stats(): Stats;
  /** Ends the link as the real side's `destroy()` does: the other side is told, every call settles. */
  destroy(): void;
}

interface Waiter {
  method: string;
  count: number;
  resolve(input: unknown): void;
  reject(error: FrameportError): void;
}

/** An end's link, its records, and the promise the kit settles when the other side connects. */
export interface OpenedEnd<Mine extends MethodSpecs, Theirs extends MethodSpecs> {
  link: Link<TestEvents<Mine>>;
  api: TestEnd<Mine, Theirs>;
  connected(): void;
  /** Ends this end for good with `code`; `ready` and every call reject with it. */
  fail(code: FrameportErrorCode, message: string): void;
}

/** Refuses options that are not an object, before anything is made from them. */
export function optionsObject<T>(options: T, caller: string): T {
  if (typeof options !== 'object' || options === null)
    throw new FrameportError('INVALID_OPTIONS', `${caller} takes { contract, methods, origin }`);
  return options;
}

/**
 * Wraps each handler so the call is recorded once the guard has let it through; anything that
 * is not a function is left for the real option check to refuse, with its real message.
 */
function recorded(methods: unknown, record: (method: string, input: unknown) => void): unknown {
  if (typeof methods !== 'object' || methods === null) return methods;
  // A null prototype: a method named `__proto__` stays a key for the real check to refuse.
  const wrapped: Record<string, unknown> = Object.create(null);
  for (const [name, handler] of Object.entries(methods)) {
    wrapped[name] =
      typeof handler === 'function'
        ? (input: unknown): unknown => {
            record(name, input);
            return (handler as (input: unknown) => unknown)(input);
          }
        : handler;
  }
  return wrapped;
}

/**
 * A test end on the real link (`createLink`): the same option checks, guard, contract checks,
 * rate limits, call records, events and error codes as `mountWidget` and `connectToHost`.
 * Its own options are checked first: from here on, a timer runs until the end is over.
 */
export function openEnd<Mine extends MethodSpecs, Theirs extends MethodSpecs>(
  side: 'host' | 'guest',
  options: CommonOptions & { methods?: unknown },
  ownKeys: readonly string[],
): OpenedEnd<Mine, Theirs> {
  const calls: TestCall<Mine>[] = [];
  const refusals: Refusal[] = [];
  const waiters = new Set<Waiter>();
  const serve = (waiter: Waiter): void => {
    const call = calls.filter(({ method }) => method === waiter.method)[waiter.count - 1];
    if (!call) return;
    waiters.delete(waiter);
    waiter.resolve(call.input);
  };
  const link: Link<TestEvents<Mine>> = createLink<TestEvents<Mine>>(
    side,
    {
      ...options,
      methods: recorded(options.methods, (method, input) => {
        const call = { method, input } as TestCall<Mine>;
        calls.push(call);
        link.events.emit('call', call);
        for (const waiter of waiters) serve(waiter);
      }) as object,
    },
    ownKeys,
  );
  link.events.on('refused', (refusal) => void refusals.push(refusal));

  let failure: FrameportError | undefined;
  let settle: { resolve(): void; reject(error: FrameportError): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Also what every call rejects with; nobody has to await `ready`.
  ready.catch(() => undefined);
  const fail = (code: FrameportErrorCode, message: string): void => {
    if (link.destroyed) return;
    failure = new FrameportError(code, message);
    link.end(code, message);
  };
  const timer = setTimeout(
    () => fail('HANDSHAKE_TIMEOUT', `nothing connected to this test ${side} within ${link.handshakeTimeout} ms${startHint[side]}`),
    link.handshakeTimeout,
  );
  link.onDestroy(() => {
    clearTimeout(timer);
    settle?.reject(failure ?? new FrameportError('DESTROYED', `the test ${side} was destroyed before the other side connected`));
    for (const waiter of waiters) {
      waiter.reject(
        failure ?? new FrameportError('DESTROYED', `the test ${side} was destroyed while waiting for a call to ${waiter.method}`),
      );
    }
    waiters.clear();
  });

  const api: TestEnd<Mine, Theirs> = {
    ready,
    remote: link.remote as Remote<Theirs>,
    calls,
    refusals,
    waitForCall(method, count = 1) {
      return new Promise((resolve, reject) => {
        if (!Number.isInteger(count) || count < 1) throw new FrameportError('INVALID_OPTIONS', 'count must be a positive integer');
        const waiter: Waiter = { method, count, resolve: resolve as (input: unknown) => void, reject };
        waiters.add(waiter);
        serve(waiter);
        if (link.destroyed && waiters.delete(waiter)) {
          reject(failure ?? new FrameportError('DESTROYED', `the test ${side} was destroyed while waiting for a call to ${method}`));
        }
      });
    },
    on: (event, listener) => link.events.on(event, listener),
    stats: link.stats,
    destroy: link.destroy,
  };
  return {
    link,
    api,
    connected() {
      clearTimeout(timer);
      settle?.resolve();
    },
    fail,
  };
}

const startHint = {
  host: ": no widget's connectToHost reached it (was the widget started, with frameport/testing imported, and was it not left to an earlier test host?)",
  guest: ': the app mounted no frame in the document for it (was mountWidget called, with its container in the document?)',
};
