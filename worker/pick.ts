/**
 * The worker a task goes to: the least busy of those ready, under `limit` tasks each; the first
 * such on a tie, so a pool that is mostly idle keeps its warm workers warm. -1 when none can
 * take it, and the task waits in the queue.
 */
export function pickWorker(loads: readonly (number | undefined)[], limit: number): number {
  let best = -1;
  for (let index = 0; index < loads.length; index += 1) {
    const load = loads[index];
    if (load === undefined || load >= limit) continue;
    if (best === -1 || load < (loads[best] ?? Infinity)) best = index;
  }
  return best;
}
