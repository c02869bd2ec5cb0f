// Normalises what an action returns (brief: null/undefined/false, one state, an Array or a
// generator) into a list of successors. One reused array for the single-state case keeps the
// hot path free of allocation.

import { isImmutable } from "immutable";

const SINGLE: unknown[] = [undefined];
const NONE: readonly unknown[] = [];

export class PromiseReturned extends Error {}

/**
 * The successors in `r`, valid until the next call; NONE when the action is not enabled. A
 * generator is drained into `into` when given (its previous contents dropped), else a new Array;
 * calling next() by hand is about a third faster than Array.from on a generator.
 */
export function successorsOf(r: unknown, into?: unknown[]): readonly unknown[] {
  if (r === null || r === undefined || r === false) return NONE;
  if (Array.isArray(r)) return r;
  if (typeof r === "object" && !isImmutable(r)) {
    const o = r as { next?: unknown; then?: unknown; [Symbol.iterator]?: unknown };
    if (typeof o.then === "function") throw new PromiseReturned();
    if (typeof o.next === "function" && typeof o[Symbol.iterator] === "function") {
      if (into === undefined) return Array.from(r as Iterable<unknown>);
      const it = r as Iterator<unknown>;
      into.length = 0;
      for (let x = it.next(); x.done !== true; x = it.next()) into.push(x.value);
      return into;
    }
  }
  SINGLE[0] = r;
  return SINGLE;
}
