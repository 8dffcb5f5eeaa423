/** What test/pages/sharedWorker/page.js and hostile.js put on `window` for test/sharedWorker.test.ts. */
type Settled = { value?: unknown; code?: string; message?: string };

declare global {
  interface Window {
    hub: {
      ready: boolean;
      /** Calls of the tab's `stall` method so far (they never answer). */
      stalls: number;
      /** Times the tab was shown again from the back/forward cache. */
      restored: number;
      /** `typeof SharedWorker` as this tab sees it. */
      sharedWorker: string;
      early?: Promise<Settled>;
      settle(promise: Promise<unknown>): Promise<Settled>;
      /** frameport/worker's hub exports, to call with bad arguments. */
      api: Record<'connectSharedWorker' | 'serveSharedWorker' | 'defineContract', (...args: unknown[]) => unknown>;
      link: {
        id: string;
        remote: Record<string, (input?: unknown) => Promise<unknown>>;
        stats(): { connects: number; disconnects: number; refused: Record<string, number> };
        destroy(): void;
      };
    };
    hubHostile: { garbage: number; joined: boolean; flooded: number; victim?: string; listed: boolean };
  }
}

export {};
