/**
 * The guarded link between a page and its dedicated workers: `connectWorker` and
 * `createWorkerPool` on the page, `serveWorker` in the worker. A classic worker loads the
 * script-tag build: `importScripts('.../frameport/dist/worker.iife.js')` gives `FrameportWorker`.
 *
 * @module frameport/worker
 */
export { connectWorker } from './connectWorker.ts';
export type { WorkerLink, WorkerOptions } from './connectWorker.ts';
export { serveWorker } from './serveWorker.ts';
export type { ServedWorker, ServeWorkerOptions } from './serveWorker.ts';
export { createWorkerPool } from './pool.ts';
export type { PoolOptions, PoolRemote, PoolStats, TaskOptions, WorkerPool } from './pool.ts';
export { connectSharedWorker } from './connectSharedWorker.ts';
export type { SharedWorkerLink, SharedWorkerOptions } from './connectSharedWorker.ts';
export { serveSharedWorker } from './serveSharedWorker.ts';
export type { HubHandlers, HubPeer, HubRefusal, ServeSharedWorkerOptions, SharedWorkerHub } from './serveSharedWorker.ts';
// A classic worker loads one script (`importScripts('frameport/dist/worker.iife.js')`): what it
// needs to write its contract comes with it.
export { defineContract } from '../shared/contract.ts';
export { FrameportError } from '../shared/errors.ts';
export { transfer } from '../shared/transfer.ts';
