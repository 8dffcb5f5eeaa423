// The contract the page and the frameport worker share; a factory, because the worker is
// bundled (import maps do not reach workers) and the page imports from /dist.
export const makeContract = (z, defineContract) =>
  defineContract({
    host: {},
    guest: {
      echo: { input: z.object({ n: z.number() }), output: z.number() },
      work: { input: z.object({ n: z.number().int().min(0) }), output: z.number() },
    },
  });

// Calls pass a running rate limiter that never runs dry, as in the page-to-frame bench.
export const rateLimit = { burst: 1e9, perSecond: 1e9 };
