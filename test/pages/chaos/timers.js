// A classic script, loaded before any module: every timer this page starts is recorded until it
// fires or is cleared, so a test can ask what is still scheduled. The test pages' own waiting
// goes through `chaosTimers.raw` and is never counted.
(() => {
  const raw = {
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    setInterval: window.setInterval.bind(window),
    clearInterval: window.clearInterval.bind(window),
  };
  const live = new Map();
  const where = () =>
    (new Error().stack ?? '')
      .split('\n')
      .slice(3, 6)
      .map((line) => line.trim().replace(/^at /, ''))
      .join(' < ');

  window.setTimeout = function setTimeout(handler, delay, ...args) {
    if (typeof handler !== 'function') return raw.setTimeout(handler, delay, ...args);
    const id = raw.setTimeout(
      function fire(...given) {
        live.delete(id);
        return handler.apply(this, given);
      },
      delay,
      ...args,
    );
    live.set(id, { kind: 'timeout', delay, where: where() });
    return id;
  };
  window.setInterval = function setInterval(handler, delay, ...args) {
    const id = raw.setInterval(handler, delay, ...args);
    live.set(id, { kind: 'interval', delay, where: where() });
    return id;
  };
  // Either clear cancels either kind: the ids share one pool.
  window.clearTimeout = function clearTimeout(id) {
    live.delete(id);
    raw.clearTimeout(id);
  };
  window.clearInterval = function clearInterval(id) {
    live.delete(id);
    raw.clearInterval(id);
  };

  const sleep = (ms) => new Promise((resolve) => raw.setTimeout(resolve, ms));
  window.chaosTimers = {
    raw,
    sleep,
    live: () => [...live.values()].map(({ kind, delay, where: from }) => `${kind} ${delay} ms from ${from}`),
    /** Waits until no timer is live, for at most `within` ms; returns those still live. */
    async quiet(within) {
      const until = performance.now() + within;
      while (live.size > 0 && performance.now() < until) await sleep(20);
      return window.chaosTimers.live();
    },
  };
})();
