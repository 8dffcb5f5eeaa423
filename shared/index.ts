/**
 * The contract, errors and capabilities both sides share: `defineContract` declares the methods
 * each side offers (checked at run time with any Standard Schema), `FrameportError` is every
 * failure, and `transfer`, `connectPort`, `grant` and `acceptPorts` hand guarded links over
 * `MessagePort`s. Also the script-tag build `Frameport` (`dist/index.iife.js`).
 *
 * @module frameport
 */
export { defineContract } from './contract.ts';
export type { Contract, Handlers, MethodSpec, MethodSpecs, Remote, Schema, SideHandlers } from './contract.ts';
export { FrameportError, errorCodes } from './errors.ts';
export type { FrameportErrorCode } from './errors.ts';
export type { Refusal, RefusedReason, Stats } from './stats.ts';
export type { RateLimitOptions } from './rateLimit.ts';
export type { CommonOptions } from './options.ts';
export type { LinkEvents } from './link.ts';
export { transfer, isMessagePort } from './transfer.ts';
export { connectPort } from './connectPort.ts';
export type { PortLink, PortOptions } from './connectPort.ts';
export { acceptPorts } from './introductions.ts';
export type { AcceptedPorts, IntroductionEvents } from './introductions.ts';
export { grant } from './grant.ts';
export type { Grant, GrantOptions } from './grant.ts';
