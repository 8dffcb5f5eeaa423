export { defineContract } from './contract.ts';
export type { Contract, Handlers, MethodSpec, MethodSpecs, Remote, Schema, SideHandlers } from './contract.ts';
export { FrameportError, errorCodes } from './errors.ts';
export type { FrameportErrorCode } from './errors.ts';
export type { Refusal, RefusedReason, Stats } from './stats.ts';
export type { RateLimitOptions } from './rateLimit.ts';
export type { CommonOptions } from './options.ts';
export type { LinkEvents } from './link.ts';
