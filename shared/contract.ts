import * as z from 'zod/mini';
import { FrameportError } from './errors.ts';

/** Any zod 4 schema: classic `zod` and `zod/mini` schemas share this core. */
export type Schema = z.core.$ZodType;

export interface MethodSpec<I extends Schema = Schema, O extends Schema = Schema> {
  /** The one argument's shape. The receiving side parses it; the handler gets the parsed value. */
  input: I;
  /** The result's shape, parsed by the calling side when the reply comes back. */
  output?: O;
}

export type MethodSpecs = { readonly [name: string]: MethodSpec };

export interface Contract<H extends MethodSpecs = MethodSpecs, G extends MethodSpecs = MethodSpecs> {
  /** Methods the host implements and the guest may call. */
  readonly host: H;
  /** Methods the guest implements and the host may call. */
  readonly guest: G;
}

type MaybePromise<T> = T | Promise<T>;
type Result<M extends MethodSpec, Side extends 'in' | 'out'> = M extends { output: infer O extends Schema }
  ? Side extends 'in'
    ? z.input<O>
    : z.output<O>
  : unknown;

/** What one side implements: each handler gets the parsed input. */
export type Handlers<M extends MethodSpecs> = {
  [K in keyof M]: (input: z.output<M[K]['input']>) => MaybePromise<Result<M[K], 'in'>>;
};

/** The other side's methods, callable from here; a method whose input accepts `undefined` takes none. */
export type Remote<M extends MethodSpecs> = {
  readonly [K in keyof M]: undefined extends z.input<M[K]['input']>
    ? (input?: z.input<M[K]['input']>) => Promise<Result<M[K], 'out'>>
    : (input: z.input<M[K]['input']>) => Promise<Result<M[K], 'out'>>;
};

const methodName = /^[A-Za-z_$][\w$]{0,63}$/;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

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
        `contract.${side}.${name} needs a zod schema as \`input\` (and, if given, as \`output\`)`,
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
export function defineContract<const H extends MethodSpecs, const G extends MethodSpecs>(contract: {
  host: H;
  guest: G;
}): Contract<H, G> {
  if (typeof contract !== 'object' || contract === null) {
    throw new FrameportError('INVALID_OPTIONS', 'defineContract() takes { host: {...}, guest: {...} }');
  }
  return Object.freeze({
    host: checkSide('host', contract.host) as H,
    guest: checkSide('guest', contract.guest) as G,
  });
}

export const emptyContract: Contract<Record<never, never>, Record<never, never>> = defineContract({ host: {}, guest: {} });

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses with any zod 4 schema; the message names paths and issue kinds, never the values. */
export function parseWith(schema: Schema, value: unknown): Parsed {
  let result: ReturnType<typeof z.safeParse>;
  try {
    result = z.safeParse(schema, value);
  } catch {
    // Async refinements and transforms throw in a synchronous parse.
    return { ok: false, message: 'the schema could not check this value synchronously' };
  }
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(value)';
    const expected = 'expected' in issue && typeof issue.expected === 'string' ? ` (expected ${issue.expected})` : '';
    return `${path}: ${issue.code}${expected}`;
  });
  return { ok: false, message: issues.join('; ') };
}
