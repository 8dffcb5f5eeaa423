/** mulberry32: a seeded PRNG, so a failing run can be replayed with its seed. */
export function seeded(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer from `low` to `high`, both included. */
  const between = (low, high) => low + Math.floor(next() * (high - low + 1));
  return { next, between };
}

/** The codes a call may settle with when the other side reloads, navigates or is destroyed. */
export const documentedCodes = ['DISCONNECTED', 'DESTROYED', 'CALL_TIMEOUT'];
