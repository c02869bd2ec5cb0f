// The symmetry check after a parallel search (symmetry-reach.ts), split between the threads that
// searched: each takes blocks of the sample from the shared cursor and checks them. The mismatch
// reported is the first in sample order, the one a single thread would have met first.

import { thrown } from "../../result/errors.js";
import type { ReachCheck } from "../symmetry-reach.js";
import { C_CURSOR, C_REACH_FAIL, type ReachFail } from "./protocol.js";

/** Sample positions a thread takes at a time: neighbours share ancestors, and so the memo. */
const BLOCK = 128;

/** Resets the shared words before the threads start on a sample of `n`. */
export function startReach(ctrl: Int32Array, n: number): void {
  Atomics.store(ctrl, C_CURSOR, 0);
  Atomics.store(ctrl, C_REACH_FAIL, n);
}

/** This thread's share: blocks until the sample is done or a mismatch earlier than the next block is known. */
export function reachShare(reach: Pick<ReachCheck, "at">, ids: Int32Array, ctrl: Int32Array): ReachFail | undefined {
  for (;;) {
    const from = Atomics.add(ctrl, C_CURSOR, BLOCK);
    if (from >= ids.length || from > Atomics.load(ctrl, C_REACH_FAIL)) return undefined;
    const to = Math.min(from + BLOCK, ids.length);
    for (let i = from; i < to; i++) {
      try {
        reach.at(ids[i]!, i);
      } catch (e) {
        // the least failing position so far, for the others to stop short of
        for (let cur = Atomics.load(ctrl, C_REACH_FAIL); i < cur; cur = Atomics.load(ctrl, C_REACH_FAIL)) {
          if (Atomics.compareExchange(ctrl, C_REACH_FAIL, cur, i) === cur) break;
        }
        return { i, ...thrown(e) };
      }
    }
  }
}

/** Of the threads' mismatches, the first in sample order (what one thread would have reported). */
export function firstFail(fails: readonly (ReachFail | undefined)[]): ReachFail | undefined {
  let first: ReachFail | undefined;
  for (const f of fails) if (f !== undefined && (first === undefined || f.i < first.i)) first = f;
  return first;
}
