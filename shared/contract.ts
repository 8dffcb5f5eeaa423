import type { StandardSchemaV1 } from '@standard-schema/spec';
import { FrameportError } from './errors.ts';
import { isSchema, type Schema } from './schema.ts';

export type { Schema } from './schema.ts';

/**
 * One method of a contract: the schema its input must pass on the receiving side, and
 * optionally the schema its result must pass back on the calling side. Both are checked at run
 * time, because the other side is another origin's code and its types are only a promise.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { MethodSpec } from 'frameport';
 *
 * const setAmount = {
 *   input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }),
 *   output: z.literal('ok'),
 * } satisfies MethodSpec;
 * ```
 */
export interface MethodSpec<I extends Schema = Schema, O extends Schema = Schema> {
  /** The one argument's shape. The receiving side checks it; the handler gets the checked value. */
  input: I;
  /** The result's shape, checked by the calling side when the reply comes back. */
  output?: O;
}

/**
 * One side's methods by name, as `defineContract` takes them: names are JavaScript identifiers
 * of at most 64 characters, so no `__proto__` and nothing that looks up the prototype.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { MethodSpecs } from 'frameport';
 *
 * const hostMethods = {
 *   paid: { input: z.object({ orderId: z.string() }) },
 *   close: { input: z.undefined() },
 * } satisfies MethodSpecs;
 * ```
 */
export type MethodSpecs = { readonly [name: string]: MethodSpec };

/**
 * Both sides' methods, as `defineContract` returns them (frozen, checked). Host and guest import
 * the same object, so each side's `methods` and `remote` are typed from one source; pass it to
 * `mountWidget`, `connectToHost`, `connectPort`, `grant`, `connectWorker` or `serveWorker`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, type Contract } from 'frameport';
 *
 * export const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number() }), output: z.literal('ok') } },
 * });
 * // Code that takes any contract (a wrapper, a test helper) types it as `Contract`.
 * function describe(contract: Contract): string[] {
 *   return [...Object.keys(contract.host), ...Object.keys(contract.guest)];
 * }
 * describe(payment); // ['paid', 'setAmount']
 * ```
 */
export interface Contract<H extends MethodSpecs = MethodSpecs, G extends MethodSpecs = MethodSpecs> {
  /** Methods the host implements and the guest may call. */
  readonly host: H;
  /** Methods the guest implements and the host may call. */
  readonly guest: G;
}

type In<S extends Schema> = StandardSchemaV1.InferInput<S>;
type Out<S extends Schema> = StandardSchemaV1.InferOutput<S>;
type MaybePromise<T> = T | Promise<T>;
/** A handler returns what the output schema takes in; the caller gets what it gives out. */
type Result<M extends MethodSpec, Side extends 'in' | 'out'> = M extends { output: infer O extends Schema }
  ? Side extends 'in'
    ? In<O>
    : Out<O>
  : unknown;

/**
 * What one side implements: each handler gets the checked input (the schema's output: with zod,
 * unknown keys stripped and transforms applied) and returns, or resolves to, what the output
 * schema takes in. A handler that throws reaches the caller as `REMOTE_ERROR`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { Handlers } from 'frameport';
 *
 * const guestMethods = {
 *   setAmount: { input: z.object({ amount: z.number() }), output: z.literal('ok') },
 * };
 * const handlers: Handlers<typeof guestMethods> = {
 *   setAmount: ({ amount }) => {
 *     document.title = `Pay ${amount}`;
 *     return 'ok';
 *   },
 * };
 * ```
 */
export type Handlers<M extends MethodSpecs> = {
  [K in keyof M]: (input: Out<M[K]['input']>) => MaybePromise<Result<M[K], 'in'>>;
};

/**
 * One side's handlers for a contract, as `mountWidget` and `connectToHost` take them. A
 * conditional type on purpose: TypeScript instantiates it with the contract it has inferred
 * from `contract` before it types a handler that takes the input, so `return 'ok'` for
 * `output: z.literal('ok')` stays `'ok'`. (A plain mapped type would be typed while the
 * contract is still unknown, and the literal widened to `string`.)
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, type SideHandlers } from 'frameport';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number() }), output: z.literal('ok') } },
 * });
 * // The widget's handlers, written apart from connectToHost (e.g. in their own module).
 * export const widgetMethods: SideHandlers<typeof payment, 'guest'> = {
 *   setAmount: ({ amount }) => {
 *     document.querySelector('#amount')!.textContent = amount.toFixed(2);
 *     return 'ok';
 *   },
 * };
 * ```
 */
export type SideHandlers<C extends Contract, Side extends 'host' | 'guest'> = C extends Contract ? Handlers<C[Side]> : never;

/**
 * The other side's methods, callable from here; a method whose input accepts `undefined` takes
 * none. Every call returns a promise that always settles: the checked result, or a
 * `FrameportError` (`CALL_TIMEOUT`, `DISCONNECTED`, `DESTROYED`, `RATE_LIMITED`,
 * `INVALID_INPUT`, `INVALID_OUTPUT`, `METHOD_NOT_FOUND`, `REMOTE_ERROR`, ...).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract, FrameportError, type Remote } from 'frameport';
 *
 * const payment = defineContract({
 *   host: {},
 *   guest: { setAmount: { input: z.object({ amount: z.number() }), output: z.literal('ok') } },
 * });
 * async function charge(guest: Remote<typeof payment.guest>, amount: number): Promise<boolean> {
 *   try {
 *     return (await guest.setAmount({ amount })) === 'ok';
 *   } catch (error) {
 *     if (error instanceof FrameportError && error.code === 'CALL_TIMEOUT') return false;
 *     throw error;
 *   }
 * }
 * ```
 */
export type Remote<M extends MethodSpecs> = {
  readonly [K in keyof M]: undefined extends In<M[K]['input']>
    ? (input?: In<M[K]['input']>) => Promise<Result<M[K], 'out'>>
    : (input: In<M[K]['input']>) => Promise<Result<M[K], 'out'>>;
};

const methodName = /^[A-Za-z_$][\w$]{0,63}$/;

function checkSide(side: 'host' | 'guest', specs: unknown): MethodSpecs {
  if (typeof specs !== 'object' || specs === null) {
    throw new FrameportError('INVALID_OPTIONS', `contract.${side} must be an object of methods`);
  }
  // A null prototype: only the names written here are methods, never `toString` or `constructor`.
  const checked: Record<string, MethodSpec> = Object.create(null);
  for (const [name, spec] of Object.entries(specs)) {
    if (!methodName.test(name) || name === '__proto__') {
      throw new FrameportError('INVALID_OPTIONS', `contract.${side}: ${JSON.stringify(name)} is not a valid method name`);
    }
    const { input, output } = (spec ?? {}) as Partial<MethodSpec>;
    if (!isSchema(input) || (output !== undefined && !isSchema(output))) {
      throw new FrameportError(
        'INVALID_OPTIONS',
        `contract.${side}.${name} needs a Standard Schema (zod, valibot, ArkType...) as \`input\` (and, if given, as \`output\`)`,
      );
    }
    checked[name] = Object.freeze(output === undefined ? { input } : { input, output });
  }
  return Object.freeze(checked);
}

/**
 * Declares both sides' methods once; host and guest import the same object, and TypeScript
 * infers each side's `methods` and `remote` from it. Every method needs a Standard Schema v1
 * (zod, valibot, ArkType...) as `input`, and may have one as `output`; the schemas are what the
 * receiving side checks at run time, whatever the other side's types claimed.
 *
 * @throws `FrameportError` `INVALID_OPTIONS` for a side that is not an object, a method name that
 * is not an identifier (or is `__proto__`), or a method without a schema.
 *
 * @example
 * ```ts
 * // contract.ts: imported by the shop and by the widget
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 *
 * export const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: {
 *     setAmount: { input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') },
 *   },
 * });
 * ```
 */
export function defineContract<const H extends MethodSpecs, const G extends MethodSpecs>(contract: { host: H; guest: G }): Contract<H, G> {
  if (typeof contract !== 'object' || contract === null) {
    throw new FrameportError('INVALID_OPTIONS', 'defineContract() takes { host: {...}, guest: {...} }');
  }
  return Object.freeze({
    host: checkSide('host', contract.host) as H,
    guest: checkSide('guest', contract.guest) as G,
  });
}

const noMethods: Record<never, never> = Object.freeze(Object.create(null));
/** What a side without `contract` uses: written out, so that a bundle without one never carries `defineContract`. */
export const emptyContract: Contract<Record<never, never>, Record<never, never>> = Object.freeze({ host: noMethods, guest: noMethods });
