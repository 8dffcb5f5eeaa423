/**
 * A state's version: the Lamport time of the write, then the writing tab's id. Every tab orders
 * the same two versions the same way, so concurrent writes converge on one winner everywhere,
 * whatever order they arrived in (arrival order differs from tab to tab).
 */
export interface Stamp {
  /** Lamport time: past every version the writer had seen when it wrote. */
  c: number;
  /** The writer's tab id: breaks ties between writes made at the same Lamport time. */
  w: string;
}

export function isNewer(candidate: Stamp, current: Stamp | undefined): boolean {
  return !current || candidate.c > current.c || (candidate.c === current.c && candidate.w > current.w);
}
