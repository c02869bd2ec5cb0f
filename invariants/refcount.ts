// RefcountMatchesHolders (brief §3): the accounting identity every spec states about its counts.
// A factory, because what "base" and "holders" mean is per spec and per era (brief §5).

import type { Faultable } from "../src/kernel/fault.js";

/** One count and how it should decompose: the era's base plus the explicit (ghost) holders. */
export interface RefcountTerms<S> {
  readonly refcount: (s: S) => number;
  readonly base: (s: S) => number;
  readonly holders: (s: S) => number;
}

/** The model's refcount identity: once no fault is set, refcount == base(era, state) + holders. */
export function RefcountMatchesHolders<S extends Faultable>(t: RefcountTerms<S>): (s: S) => boolean {
  return (s) => s.fault !== null || t.refcount(s) === t.base(s) + t.holders(s);
}

/** The same identity for every current folio head; `pairs` yields [refcount, base + holders] per head. */
export function RefcountsMatchHolders<S extends Faultable>(
  pairs: (s: S) => Iterable<readonly [actual: number, expected: number]>,
): (s: S) => boolean {
  return (s) => {
    if (s.fault !== null) return true;
    for (const [actual, expected] of pairs(s)) if (actual !== expected) return false;
    return true;
  };
}
