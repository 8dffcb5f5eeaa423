import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * Any Standard Schema v1 schema: zod 4 (classic and mini), valibot, ArkType and others. The SDK
 * validates through `~standard.validate` only, so it ships no schema library of its own. A
 * schema that validates asynchronously is refused where it is used (`INVALID_INPUT` /
 * `INVALID_OUTPUT`): a check that waits would let a peer hold calls open.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { z } from 'zod';
 * import type { Schema } from 'frameport';
 *
 * const amount: Schema = z.number().positive(); // zod
 * const sku: Schema = v.pipe(v.string(), v.maxLength(64)); // valibot
 * ```
 */
export type Schema = StandardSchemaV1;

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export function isSchema(value: unknown): value is Schema {
  const props: unknown =
    typeof value === 'object' || typeof value === 'function' ? (value as Partial<Schema> | null)?.['~standard'] : undefined;
  return (
    typeof props === 'object' &&
    props !== null &&
    (props as { version?: unknown }).version === 1 &&
    typeof (props as { validate?: unknown }).validate === 'function'
  );
}

const maxIssues = 3;
const maxSegment = 32;

/**
 * Validates synchronously. An async result is refused: a peer must not be able to park work in
 * our microtask queue, and the caller needs an answer now. The message names paths and issue
 * kinds only: libraries' own messages may quote the value ("received 42"), and values may be
 * secrets or attacker-chosen text.
 */
export function validate(schema: Schema, value: unknown): Parsed {
  let result: StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>>;
  try {
    result = schema['~standard'].validate(value);
  } catch {
    return { ok: false, message: 'the schema threw while checking this value' };
  }
  if (result instanceof Promise) {
    result.catch(() => undefined);
    return { ok: false, message: 'the schema could not check this value synchronously' };
  }
  if (!result.issues) return { ok: true, value: result.value };
  return { ok: false, message: result.issues.slice(0, maxIssues).map(describeIssue).join('; ') || 'invalid' };
}

function describeIssue(issue: StandardSchemaV1.Issue): string {
  const path = issue.path?.length ? issue.path.map(segmentName).join('.') : '(value)';
  // zod names its issue kind `code`, valibot `type`; both name what was `expected` as a type.
  const { code, type, expected } = issue as { code?: unknown; type?: unknown; expected?: unknown };
  const kind = typeof code === 'string' ? code : typeof type === 'string' ? type : 'invalid';
  const wanted = typeof expected === 'string' && expected.length <= maxSegment ? ` (expected ${expected})` : '';
  return `${path}: ${kind.slice(0, maxSegment)}${wanted}`;
}

function segmentName(segment: PropertyKey | StandardSchemaV1.PathSegment): string {
  const key = typeof segment === 'object' ? segment.key : segment;
  // Record keys are the sender's text: shown, but short.
  return String(typeof key === 'symbol' ? key.description : key).slice(0, maxSegment);
}
