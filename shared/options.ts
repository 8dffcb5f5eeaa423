import type { Handler } from './connection.ts';
import type { Contract, MethodSpecs } from './contract.ts';
import { emptyContract } from './contract.ts';
import { FrameportError } from './errors.ts';
import type { RateLimitOptions } from './rateLimit.ts';

/**
 * Options both sides take; each side adds `methods`, typed by its half of the contract. Unknown
 * keys are refused (`INVALID_OPTIONS` naming the key and the accepted ones), nested objects
 * included, so a typo in plain JavaScript does not silently keep a default.
 *
 * @example
 * ```ts
 * import type { CommonOptions } from 'frameport';
 * import { connectToHost } from 'frameport/guest';
 *
 * // Settings a widget shares between its pages.
 * const common: CommonOptions = { handshakeTimeout: 5_000, callTimeout: 10_000, debug: location.hostname === 'localhost' };
 * const host = await connectToHost({ ...common, allowedOrigins: ['https://shop.example'] });
 * ```
 */
export interface CommonOptions {
  /** The shared contract from `defineContract`. Without one, nothing is callable either way. */
  contract?: Contract;
  /** Budget for what the peer sends; `false` turns off the call bucket and the flood breaker. Default `{ burst: 100, perSecond: 50 }`. */
  rateLimit?: RateLimitOptions | false;
  /** Milliseconds until the handshake gives up with `HANDSHAKE_TIMEOUT`. Default 10 000. */
  handshakeTimeout?: number;
  /** Milliseconds until a call rejects with `CALL_TIMEOUT`; `false` for none. Default 30 000. */
  callTimeout?: number | false;
  /** Logs the protocol to the console. */
  debug?: boolean;
}

export const commonKeys: readonly string[] = ['contract', 'methods', 'rateLimit', 'handshakeTimeout', 'callTimeout', 'debug'];

/**
 * Refuses option keys nobody reads: TypeScript catches a typo such as `rateLimit: { rate: 5 }`,
 * but in JavaScript it would silently leave the defaults in force.
 */
export function checkKeys<T extends object>(given: T, accepted: readonly string[], where: string): T {
  for (const key of Object.keys(given)) {
    if (!accepted.includes(key)) {
      const name = JSON.stringify(key.slice(0, 64));
      throw new FrameportError('INVALID_OPTIONS', `${where ? `${where}.` : ''}${name} is not an option; accepted: ${accepted.join(', ')}`);
    }
  }
  return given;
}

/** A positive number of milliseconds, or the fallback when not given. */
export function duration(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new FrameportError('INVALID_OPTIONS', `${option} must be a positive number of milliseconds`);
  }
  return value;
}

export const handshakeTimeoutOption = (value: unknown): number => duration(value, 'handshakeTimeout', 10_000);

export const callTimeoutOption = (value: unknown): number | undefined =>
  value === false ? undefined : duration(value, 'callTimeout', 30_000);

export function contractOption(value: unknown): Contract {
  if (value === undefined) return emptyContract;
  const contract = value as Partial<Contract>;
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value) || !contract.host || !contract.guest) {
    throw new FrameportError('INVALID_OPTIONS', 'contract must come from defineContract()');
  }
  return value as Contract;
}

/** Every declared method needs a handler, and nothing undeclared may be offered. */
export function handlersOption(specs: MethodSpecs, methods: unknown, side: 'host' | 'guest'): Record<string, Handler> {
  const given = (methods ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || given === null) {
    throw new FrameportError('INVALID_OPTIONS', 'methods must be an object of functions');
  }
  const handlers: Record<string, Handler> = Object.create(null);
  for (const name of Object.keys(specs)) {
    const handler = Object.hasOwn(given, name) ? given[name] : undefined;
    if (typeof handler !== 'function') {
      throw new FrameportError('INVALID_OPTIONS', `methods.${name} is missing: contract.${side} declares it`);
    }
    handlers[name] = handler as Handler;
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) {
      throw new FrameportError('INVALID_OPTIONS', `methods.${name} is not in contract.${side}: only declared methods can be offered`);
    }
  }
  return handlers;
}
