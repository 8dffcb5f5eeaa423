import type { GuardMessenger } from '../shared/guard.ts';

/**
 * Where a guest's connection keeps the way to its current guard, for `frameport/share`: a
 * widget's `share(data, { host })` asks its host over the link. A registered symbol, so that a
 * separately bundled copy (a script-tag build, the CJS half of a dual package) finds it too.
 */
export const reachGuard: unique symbol = Symbol.for('frameport.guard') as never;

export type GuardReach = () => GuardMessenger | undefined;
