import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/server.ts';
import { useChromium } from './harness/browser.ts';

import './pages/workers/hooks.d.ts';

/**
 * frameport/worker in Chromium: one dedicated worker (module and classic) and a pool, with
 * workers that throw, fail to load, hang and misbehave on purpose.
 */
const { origins, open } = useChromium();
const folder = join(repoRoot, 'test/pages/workers');

beforeAll(async () => {
  // Import maps do not reach workers and dist/worker.mjs imports penpal by name: a module
  // worker gets frameport the way a bundler would give it, bundled in.
  mkdirSync(join(folder, 'built'), { recursive: true });
  await build({
    entryPoints: [join(repoRoot, 'dist/worker.mjs')],
    bundle: true,
    format: 'esm',
    outfile: join(folder, 'built/frameport-worker.mjs'),
    logLevel: 'silent',
  });
});

async function page(expectNoErrors = true): Promise<Page> {
  const { page: opened } = await open(`${origins.host}/test/pages/workers/page.html`, { expectNoErrors });
  await opened.waitForFunction(() => window.workers !== undefined);
  return opened;
}

describe('one worker', () => {
  it.each(['classic', 'module'] as const)('a %s worker: calls both ways, and a call made before it serves waits', async (kind) => {
    const tab = await page();
    const outcome = await tab.evaluate(async (which) => {
      const { settle, ...w } = window.workers;
      const link = w.connect(which === 'classic' ? w.classic('slow') : w.module());
      // connectWorker returned at once; the worker has not served yet.
      const early = settle(link.remote.echo!('early'));
      const askPage = await settle(link.remote.askPage!('worker'));
      const result = { early: await early, askPage, invalid: await settle(link.remote.echo!(42)) };
      link.destroy();
      return { ...result, after: await settle(link.remote.echo!('late')), terminated: w.made.terminated };
    }, kind);
    expect(outcome).toEqual({
      early: { value: 'echo: early' },
      askPage: { value: 'hello, worker' },
      invalid: expect.objectContaining({ code: 'INVALID_INPUT' }),
      after: expect.objectContaining({ code: 'DESTROYED' }),
      terminated: 1,
    });
  });

  it('a handler that throws is REMOTE_ERROR and the link stays up', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const link = w.connect(w.classic());
      return { failed: await settle(link.remote.fail!()), after: await settle(link.remote.echo!('still here')) };
    });
    expect(outcome).toEqual({
      failed: expect.objectContaining({ code: 'REMOTE_ERROR', message: 'the handler failed' }),
      after: { value: 'echo: still here' },
    });
  });

  it('a worker that throws at top level fails its calls WORKER_CRASHED, as does one that fails to load (404)', async () => {
    const tab = await page(false);
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const thrown = w.connect(w.classic('throw-top'));
      const missing = w.connect(w.missing());
      return {
        thrown: await settle(thrown.remote.echo!('x')),
        ready: await settle(thrown.ready),
        missing: await settle(missing.remote.echo!('x')),
      };
    });
    expect(outcome.thrown).toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringContaining('top-level failure') });
    expect(outcome.ready).toMatchObject({ code: 'DESTROYED' });
    expect(outcome.missing).toMatchObject({ code: 'WORKER_CRASHED' });
  });

  it('an uncaught error mid-call settles the call WORKER_CRASHED, not never', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const link = w.connect(w.module(), { callTimeout: false });
      await link.ready;
      const [crash, hang] = await Promise.all([settle(link.remote.crash!()), settle(link.remote.hang!())]);
      return { crash, hang, later: await settle(link.remote.echo!('x')) };
    });
    expect(outcome.crash).toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringContaining('the worker broke') });
    expect(outcome.hang).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(outcome.later).toMatchObject({ code: 'WORKER_CRASHED' });
  });

  it('messageerror on the Worker fails the link WORKER_CRASHED', async () => {
    // What reaches a Worker's messageerror in Chromium: nothing we could make a same-agent-cluster
    // dedicated worker post. The event is dispatched as the browser would; unreadable messages
    // on the link's own port are the guard's (refused as `clone`, tested with the guard).
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const worker = w.classic();
      const link = w.connect(worker, { callTimeout: false });
      await link.ready;
      const pending = settle(link.remote.hang!());
      worker.dispatchEvent(new MessageEvent('messageerror'));
      return { pending: await pending, later: await settle(link.remote.echo!('x')) };
    });
    expect(outcome.pending).toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringContaining('deserialize') });
    expect(outcome.later).toMatchObject({ code: 'WORKER_CRASHED' });
  });

  it('refuses and counts what a worker posts on itself, and garbage on the port; a flood trips the breaker', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const posting = w.connect(w.classic('post-self'));
      const echoed = await settle(posting.remote.echo!('fine'));
      const garbage = w.connect(w.hostile('garbage'), { callTimeout: 500 });
      const noAnswer = await settle(garbage.remote.echo!('x'));
      const flood = w.connect(w.hostile('flood'), { callTimeout: 10_000 });
      const flooded = await settle(flood.remote.echo!('x'));
      return {
        echoed,
        strays: posting.stats().refused.source,
        noAnswer,
        garbage: garbage.stats().refused.shape,
        flooded,
        floodRate: flood.stats().refused.rate,
      };
    });
    expect(outcome.echoed).toEqual({ value: 'echo: fine' });
    expect(outcome.strays).toBe(5);
    expect(outcome.noAnswer).toMatchObject({ code: 'CALL_TIMEOUT' });
    expect(outcome.garbage).toBe(50);
    expect(outcome.flooded).toMatchObject({ code: 'DISCONNECTED', message: expect.stringContaining('flooded') });
    expect(outcome.floodRate).toBeGreaterThan(0);
  });

  it('the worker refuses and counts anything posted to it but the one connect message', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const worker = w.classic();
      worker.postMessage({ frameport: 'frameport/1', type: 'nonsense' });
      const link = w.connect(worker);
      const { port2 } = new MessageChannel();
      // A second connect, after the first: refused, its port closed, the first link unharmed.
      worker.postMessage({ frameport: 'frameport/1', type: 'connect-worker' }, [port2]);
      return settle(link.remote.echo!('first'));
    });
    expect(outcome).toEqual({ value: 'echo: first' });
  });
});

describe('a worker pool', () => {
  it('10,000 tasks, about 1 % crash their worker and 1 % hang: every task settles, stats add up, no worker leaks', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, made, ...w } = window.workers;
      const pool = w.pool({ size: 4, taskTimeout: 400 });
      const kinds: string[] = [];
      const tasks: Promise<{ value?: unknown; code?: string }>[] = [];
      for (let n = 0; n < 10_000; n += 1) {
        const kind = n % 100 === 17 ? 'crash' : n % 100 === 71 ? 'hang' : 'square';
        kinds.push(kind);
        tasks.push(settle(pool.remote[kind]!(n)));
      }
      const settled = await Promise.all(tasks);
      const tally: Record<string, number> = {};
      let wrong = 0;
      settled.forEach((outcome, n) => {
        const key = `${kinds[n]}:${outcome.code ?? 'ok'}`;
        tally[key] = (tally[key] ?? 0) + 1;
        if (kinds[n] === 'square' && outcome.code === undefined && outcome.value !== n * n) wrong += 1;
      });
      const stats = pool.stats();
      const liveBefore = made.created - made.terminated;
      pool.destroy();
      return { tally, wrong, stats, liveBefore, live: made.created - made.terminated, created: made.created };
    });
    expect(outcome.wrong).toBe(0);
    expect(outcome.tally).toEqual({ 'square:ok': 9800, 'crash:WORKER_CRASHED': 100, 'hang:CALL_TIMEOUT': 100 });
    expect(outcome.stats).toEqual({ workers: 4, busy: 0, queued: 0, completed: 9800, failed: 200, replaced: 200 });
    expect(outcome.liveBefore).toBe(4);
    expect(outcome.created).toBe(204);
    expect(outcome.live).toBe(0);
  });

  it('aborts a queued task (its worker untouched) and a running one (its worker replaced); an aborted signal rejects at once', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, ...w } = window.workers;
      const pool = w.pool({ size: 1 });
      const running = new AbortController();
      const queued = new AbortController();
      const first = settle(pool.remote.hang!(0, { signal: running.signal }));
      const second = settle(pool.remote.square!(3, { signal: queued.signal }));
      const third = settle(pool.remote.square!(4));
      queued.abort(new Error('changed my mind'));
      const queuedOutcome = await second;
      // The first task is running once the worker serves; until then it only waits in the queue.
      while (pool.stats().busy < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      running.abort();
      const before = await settle(pool.remote.square!(5, { signal: AbortSignal.abort() }));
      const result = { queued: queuedOutcome, running: await first, third: await third, before, stats: pool.stats() };
      pool.destroy();
      return result;
    });
    expect(outcome.queued).toMatchObject({ code: 'DESTROYED', message: 'the task was aborted', cause: 'Error: changed my mind' });
    expect(outcome.running).toMatchObject({
      code: 'DESTROYED',
      message: 'the task was aborted',
      cause: expect.stringContaining('AbortError'),
    });
    expect(outcome.third).toEqual({ value: 16 });
    expect(outcome.before).toMatchObject({ code: 'DESTROYED' });
    expect(outcome.stats).toEqual({ workers: 1, busy: 0, queued: 0, completed: 1, failed: 3, replaced: 1 });
  });

  it('a full queue rejects at once QUEUE_FULL; destroy rejects what runs and waits DESTROYED and terminates every worker', async () => {
    const tab = await page();
    const outcome = await tab.evaluate(async () => {
      const { settle, made, ...w } = window.workers;
      const pool = w.pool({ size: 2, maxQueue: 3 });
      const tasks = [settle(pool.remote.hang!(0)), settle(pool.remote.hang!(0))];
      // Until both workers serve, those two wait in the queue too.
      while (pool.stats().busy < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      for (let n = 0; n < 4; n += 1) tasks.push(settle(pool.remote.hang!(0)));
      const full = await tasks[5];
      const stats = pool.stats();
      pool.destroy();
      const settled = await Promise.all(tasks.slice(0, 5));
      return {
        full,
        stats,
        settled: settled.map((s) => s.code),
        after: await settle(pool.remote.square!(2)),
        end: pool.stats(),
        live: made.created - made.terminated,
      };
    });
    expect(outcome.full).toMatchObject({ code: 'QUEUE_FULL' });
    expect(outcome.stats).toEqual({ workers: 2, busy: 2, queued: 3, completed: 0, failed: 1, replaced: 0 });
    expect(outcome.settled).toEqual(['DESTROYED', 'DESTROYED', 'DESTROYED', 'DESTROYED', 'DESTROYED']);
    expect(outcome.after).toMatchObject({ code: 'DESTROYED' });
    expect(outcome.end).toMatchObject({ workers: 0, busy: 0, queued: 0, failed: 7 });
    expect(outcome.live).toBe(0);
  });

  it('gives up on workers that never serve: queued tasks reject WORKER_CRASHED instead of waiting for ever', async () => {
    const tab = await page(false);
    const outcome = await tab.evaluate(async () => {
      const { settle, made, ...w } = window.workers;
      const pool = w.pool({ size: 1, create: () => w.missing() });
      const task = await settle(pool.remote.square!(2));
      return { task, live: made.created - made.terminated, stats: pool.stats() };
    });
    expect(outcome.task).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(outcome.live).toBe(0);
    expect(outcome.stats).toMatchObject({ workers: 0, failed: 1 });
  });
});
