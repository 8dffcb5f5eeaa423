import { FrameportError } from './errors.ts';

/**
 * Checks an `AbortSignal` option. A signal that is already aborted refuses the call before
 * anything is created: a widget born destroyed would only be a frame to clean up.
 */
export function signalOption(value: unknown, caller: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  // Duck-typed: a signal from another realm (a test environment, another frame) is still a signal.
  const signal = value as Partial<AbortSignal> | null;
  if (
    typeof signal !== 'object' ||
    signal === null ||
    typeof signal.aborted !== 'boolean' ||
    typeof signal.addEventListener !== 'function'
  ) {
    throw new FrameportError('INVALID_OPTIONS', 'signal must be an AbortSignal');
  }
  if (signal.aborted) {
    throw new FrameportError('DESTROYED', `${caller} was called with a signal that is already aborted: nothing was created`, {
      cause: signal.reason,
    });
  }
  return value as AbortSignal;
}

/** Runs `destroy` when `signal` aborts; returns the teardown that stops listening. */
export function destroyOnAbort(signal: AbortSignal | undefined, destroy: () => void): () => void {
  if (!signal) return () => undefined;
  signal.addEventListener('abort', destroy, { once: true });
  return () => signal.removeEventListener('abort', destroy);
}
