import { FrameportError, type FrameportErrorCode } from './errors.ts';
import type { Outcome } from './guard.ts';

/** Puts one call on the wire; throws the browser's DataCloneError for input that cannot be cloned or transferred. */
export type Send = (id: string, method: string, input: unknown) => void;

export type RemoteFunctions = Readonly<Record<string, (input?: unknown) => Promise<unknown>>>;

/** One call in flight, from `remote.x()` until it settles: the only record of it anywhere. */
interface CallRecord {
  method: string;
  /** Held only until the call is sent. */
  input: unknown;
  /** When it times out, on the `performance.now()` clock; `Infinity` for never. */
  at: number;
  /** Sent on the current connection, so only a reply (or its loss) settles it. */
  sent: boolean;
  resolve(value: unknown): void;
  reject(error: FrameportError): void;
}

export interface Calls {
  /** The peer's methods: the same object across reconnects. */
  readonly remote: RemoteFunctions;
  /** A connection is up: waiting calls go out on it, and so do new ones. */
  attach(send: Send): void;
  /** The connection is gone: calls sent on it reject with `code`; waiting ones wait on. */
  detach(code: 'DISCONNECTED' | 'DESTROYED'): void;
  /** The method of sent call `id`, while it waits for its reply. */
  awaiting(id: string): string | undefined;
  settle(id: string, outcome: Outcome): void;
  /** Every call rejects with `code` (`DESTROYED` by default), and so does every later one. */
  destroy(code?: FrameportErrorCode, why?: string): void;
}

/**
 * The calls this side makes, across connections. A call made while no connection is up waits
 * for the next one; every call has one deadline, counted from when it was made, and all of
 * them share one timer: with thousands pipelined, a `setTimeout` per call cost about a tenth of
 * a round trip. Timeouts, disconnects and destroy settle a call here, where it is recorded,
 * and a late reply then finds nothing and is refused.
 */
export function createCalls(methods: readonly string[], timeout: number | undefined): Calls {
  const records = new Map<string, CallRecord>();
  let send: Send | undefined;
  /** Once set, every call fails with it: destroyed, or a grant that ended. */
  let ended: { code: FrameportErrorCode; why: string } | undefined;
  let nextId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const end = (id: string, record: CallRecord, error: FrameportError): void => {
    records.delete(id);
    record.reject(error);
  };

  const schedule = (at: number): void => {
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(expire, Math.max(0, at - performance.now()));
  };

  function expire(): void {
    timer = undefined;
    timerAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const [id, record] of records) {
      if (record.at > now) next = Math.min(next, record.at);
      else
        end(
          id,
          record,
          new FrameportError(
            'CALL_TIMEOUT',
            `${record.method}() ${record.sent ? 'got no reply' : 'found no connection'} within ${timeout} ms`,
          ),
        );
    }
    if (next < Infinity) schedule(next);
  }

  const transmit = (id: string, record: CallRecord, to: Send): void => {
    const { input } = record;
    record.input = undefined;
    record.sent = true;
    try {
      to(id, record.method, input);
    } catch (error) {
      const why = `${record.method}(): the input cannot be sent (it cannot be cloned or transferred)`;
      end(id, record, new FrameportError('INVALID_INPUT', why, { cause: error }));
    }
  };

  const call = (method: string, input: unknown): Promise<unknown> => {
    if (ended) return Promise.reject(new FrameportError(ended.code, `${method}(): ${ended.why}`));
    return new Promise((resolve, reject) => {
      const id = String((nextId += 1));
      const at = timeout === undefined ? Infinity : performance.now() + timeout;
      const record: CallRecord = { method, input, at, sent: false, resolve, reject };
      records.set(id, record);
      schedule(at);
      if (send) transmit(id, record, send);
    });
  };

  const remote: Record<string, (input?: unknown) => Promise<unknown>> = Object.create(null);
  for (const method of methods) remote[method] = (input) => call(method, input);

  return {
    remote: Object.freeze(remote),
    attach(to) {
      send = to;
      for (const [id, record] of records) if (!record.sent) transmit(id, record, to);
    },
    detach(code) {
      send = undefined;
      const why = code === 'DESTROYED' ? 'the connection was destroyed' : 'the other side disconnected';
      for (const [id, record] of records) if (record.sent) end(id, record, new FrameportError(code, `${record.method}(): ${why}`));
    },
    awaiting(id) {
      const record = records.get(id);
      return record?.sent ? record.method : undefined;
    },
    settle(id, outcome) {
      const record = records.get(id);
      if (!record) return;
      records.delete(id);
      if (outcome.ok) record.resolve(outcome.value);
      else record.reject(outcome.error);
    },
    destroy(code = 'DESTROYED', why = 'the connection was destroyed') {
      ended ??= { code, why };
      send = undefined;
      clearTimeout(timer);
      for (const [id, record] of records) end(id, record, new FrameportError(ended.code, `${record.method}(): ${ended.why}`));
    },
  };
}
