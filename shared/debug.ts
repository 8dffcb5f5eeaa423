export type Log = (...args: unknown[]) => void;

/** The one debug switch: `debug: true` on a host, guest or popup logs through here, and only then. */
export function createLog(enabled: boolean | undefined, scope: string): Log | undefined {
  if (!enabled) return undefined;
  return (...args) => console.debug(`[frameport:${scope}]`, ...args);
}
