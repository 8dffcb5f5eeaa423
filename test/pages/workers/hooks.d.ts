/** What test/pages/workers/page.js puts on `window.workers` for test/workers.test.ts. */
type Settled = { value?: unknown; code?: string; message?: string; cause?: string };
type Call = (input?: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;
interface LinkHook {
  remote: Record<string, Call>;
  ready: Promise<void>;
  stats(): { refused: Record<string, number> };
  on(event: string, listener: (payload: unknown) => void): () => void;
  destroy(): void;
}
interface PoolStatsHook {
  workers: number;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
  replaced: number;
}
interface PoolHook {
  remote: Record<string, Call>;
  stats(): PoolStatsHook;
  destroy(): void;
}

declare global {
  interface Window {
    workers: {
      made: { created: number; terminated: number };
      settle(promise: Promise<unknown>): Promise<Settled>;
      classic(mode?: string): Worker;
      module(): Worker;
      hostile(mode: string): Worker;
      missing(): Worker;
      connect(worker: Worker, options?: Record<string, unknown>): LinkHook;
      pool(options: Record<string, unknown>): PoolHook;
    };
  }
}

export {};
