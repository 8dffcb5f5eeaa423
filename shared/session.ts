import type { MethodSpecs } from './contract.ts';
import type { Connection } from './connection.ts';
import { FrameportError } from './errors.ts';

export type RemoteFunctions = Readonly<Record<string, (input?: unknown) => Promise<unknown>>>;

/**
 * The side of a widget that outlives connections: a `remote` object that stays the same across
 * reconnects, and calls made while no connection is up, which wait for the next one within
 * their own timeout. Every call settles.
 */
export interface Session {
  readonly remote: RemoteFunctions;
  attach(connection: Connection): void;
  detach(): void;
  destroy(): void;
}

export function createSession(specs: MethodSpecs, callTimeout: number | undefined): Session {
  let current: Connection | undefined;
  let destroyed = false;
  const waiting = new Set<() => void>();

  const nextConnection = (method: string): Promise<Connection> =>
    new Promise((resolve, reject) => {
      const timer =
        callTimeout === undefined
          ? undefined
          : setTimeout(() => {
              waiting.delete(wake);
              reject(new FrameportError('CALL_TIMEOUT', `${method}(): no connection within ${callTimeout} ms`));
            }, callTimeout);
      const wake = (): void => {
        clearTimeout(timer);
        if (current) resolve(current);
        else reject(new FrameportError('DESTROYED', `${method}(): the connection was destroyed`));
      };
      waiting.add(wake);
    });

  const call = async (method: string, input: unknown): Promise<unknown> => {
    if (destroyed) throw new FrameportError('DESTROYED', `${method}(): the connection was destroyed`);
    const started = performance.now();
    const connection = current ?? (await nextConnection(method));
    const left = callTimeout === undefined ? undefined : Math.max(1, callTimeout - (performance.now() - started));
    return connection.call(method, input, left);
  };

  const remote: Record<string, (input?: unknown) => Promise<unknown>> = Object.create(null);
  for (const method of Object.keys(specs)) remote[method] = (input) => call(method, input);

  const wakeAll = (): void => {
    const wakes = [...waiting];
    waiting.clear();
    for (const wake of wakes) wake();
  };

  return {
    remote: Object.freeze(remote),
    attach(connection) {
      current = connection;
      wakeAll();
    },
    detach() {
      current = undefined;
    },
    destroy() {
      destroyed = true;
      current = undefined;
      wakeAll();
    },
  };
}
