import type { PortPolicy } from './guard.ts';
import { isMessagePort } from './transfer.ts';

/**
 * Whether every port that came with a message is still in `value`, as its schema let it
 * through: a schema that strips the key a port came under has not declared it, and a stray port
 * is a capability nobody asked for (and an open channel to hold). Only links that take ports
 * (`mountWidget`, `connectPort`, a widget with `acceptPorts`) have this check; the guard of any
 * other link refuses every port, so a widget that takes none ships none of this.
 *
 * `value` has passed the value check (`valueProblem`): it is bounded, and binary data in it is
 * skipped whole here too.
 */
export function declaredPorts(value: unknown, arrived: readonly MessagePort[]): boolean {
  const found = new Set<unknown>();
  const seen = new Set<unknown>();
  const stack = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || seen.has(item) || ArrayBuffer.isView(item)) continue;
    seen.add(item);
    if (isMessagePort(item)) found.add(item);
    else if (item instanceof Map) for (const entry of item) stack.push(...entry);
    else if (item instanceof Set) stack.push(...item);
    else for (const key in item) stack.push((item as Record<string, unknown>)[key]);
  }
  return arrived.every((port) => found.has(port));
}

/** The port policy of a link that takes declared ports and no notices (a host's widget link). */
export const takesDeclaredPorts: PortPolicy = { declared: declaredPorts };
