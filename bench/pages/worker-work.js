// The CPU-bound task every pool runs, the same code in every worker: a classic worker takes it
// with importScripts, the bundled module worker imports it for its side effect.
globalThis.work = (n) => {
  let sum = 0;
  for (let i = 1; i <= n; i += 1) sum += Math.sqrt(i);
  return sum;
};
