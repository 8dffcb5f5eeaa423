import type { StandardSchemaV1 } from '@standard-schema/spec';
import { FrameportError } from './errors.ts';
import { isSchema, type Schema } from './schema.ts';

export type { Schema } from './schema.ts';

export interface MethodSpec<I extends Schema = Schema, O extends Schema = Schema> {
  /** The one argument's shape. The receiving side checks it; the handler gets the checked value. */
  input: I;
  /** The result's shape, checked by the calling side when the reply comes back. */
  output?: O;
}

export type MethodSpecs = { readonly [name: string]: MethodSpec };

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

/** What one side implements: each handler gets the checked input. */
export type Handlers<M extends MethodSpecs> = {
  [K in keyof M]: (input: Out<M[K]['input']>) => MaybePromise<Result<M[K], 'in'>>;
};

/**
 * One side's handlers for a contract, as `mountWidget` and `connectToHost` take them. A
 * conditional type on purpose: TypeScript instantiates it with the contract it has inferred
 * from `contract` before it types a handler that takes the input, so `return 'ok'` for
 * `output: z.literal('ok')` stays `'ok'`. (A plain mapped type would be typed while the
 * contract is still unknown, and the literal widened to `string`.)
 */
export type SideHandlers<C extends Contract, Side extends 'host' | 'guest'> = C extends Contract ? Handlers<C[Side]> : never;

/** The other side's methods, callable from here; a method whose input accepts `undefined` takes none. */
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
 * infers each side's `methods` and `remote` from it.
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
