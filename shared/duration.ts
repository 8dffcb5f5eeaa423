import { FrameportError } from './errors.ts';

/** A positive number of milliseconds, or the fallback when not given. */
export function duration(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new FrameportError('INVALID_OPTIONS', `${option} must be a positive number of milliseconds`);
  }
  return value;
}
