// V8 scavenges each thread's young generation with helper threads, one per core: with as many
// search threads as cores there is no idle core for them, so a scavenge waits for helpers the OS
// has preempted to run the other search thread. While a parallel check has a thread per core,
// each thread scavenges alone (V8 reads the flag at every scavenge; it is process-wide), unless
// node was started with --parallel-scavenge (to compare the two).

import v8 from "node:v8";
import { availableParallelism } from "node:os";

/** Checks running with helpers turned off, so the last to end turns them back on. */
let active = 0;

/** Turns parallel scavenging off while `threads` search threads take every core; returns the undo. */
export function serialScavenge(threads: number): () => void {
  if (threads < availableParallelism() || process.execArgv.includes("--parallel-scavenge")) return () => {};
  if (active++ === 0) v8.setFlagsFromString("--no-parallel-scavenge");
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    if (--active === 0) v8.setFlagsFromString("--parallel-scavenge");
  };
}
