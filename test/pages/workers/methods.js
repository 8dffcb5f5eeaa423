// What every test worker serves; `link` is filled in once serveWorker returns.
globalThis.makeWorkerMethods = (served) => ({
  echo: (text) => `echo: ${text}`,
  square: (n) => n * n,
  fail: () => {
    throw new Error('the handler failed');
  },
  // An uncaught error outside any handler, as a worker that breaks mid-task would throw.
  crash: () =>
    new Promise(() => {
      setTimeout(() => {
        throw new Error('the worker broke');
      });
    }),
  hang: () => new Promise(() => undefined),
  spin: (n) => {
    let x = 0;
    for (let i = 0; i < n; i += 1) x = (x + i * i) % 1000003;
    return x;
  },
  askPage: (text) => served.link.remote.greet(text),
});
