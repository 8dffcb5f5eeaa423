/**
 * Where a guest's connection keeps the way to its host, for `frameport/share`: a widget's
 * `share(data, { host })` asks its host on the link's port (the host's guard meters it like any
 * message), while the link is open. A registered symbol, so that a
 * separately bundled copy (a script-tag build, the CJS half of a dual package) finds it too.
 */
export const reachGuard: unique symbol = Symbol.for('frameport.guard') as never;

export type GuardReach = () => MessagePort | undefined;
