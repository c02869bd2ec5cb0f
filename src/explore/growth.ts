// The "this search looks unbounded" warning (issue 18): a BFS deeper than 10,000 levels whose
// last 1,000 levels each held at most 100 states is almost always a counter that grows forever
// (a leaked reference). The warning names the state fields that keep growing along the path,
// found by replaying the spec to one state and comparing it with ten of its ancestors, and points at
// `constraints`. Given once, through the listener and the result; the explorer never prints.

import type { Model } from "../model/compile.js";
import { replay } from "./replay.js";
import type { StateStore } from "./state-store.js";

const DEEP = 10_000;
const NARROW = 100;
const SPAN = 1_000;
const STEPS = 10;

/** Watches BFS level sizes (or, under DFS, the deepest stack) and says when to warn, once. */
export class GrowthWatch {
  private narrowSince = 1;
  private deepest = 0;
  done = false;

  /** BFS: level `depth` holds `size` states. True when the warning is due now. */
  level(depth: number, size: number): boolean {
    if (this.done) return false;
    if (size > NARROW) this.narrowSince = depth + 1;
    return depth > DEEP && depth - this.narrowSince >= SPAN;
  }

  /**
   * DFS: the stack is `depth` deep. A deep stack alone says nothing (DFS goes deep on any large
   * space), so it is only a reason to look: past 10,000, and each time the stack doubles, the
   * fields of the state are compared with its ancestors', and only growth makes the warning.
   * (Doubling keeps the replays to about twice the deepest stack in all.)
   */
  deeper(depth: number): boolean {
    if (this.done || depth <= DEEP || depth < 2 * this.deepest) return false;
    this.deepest = depth;
    return true;
  }
}

/** The warning for state `id` at `depth`, or null when no field of it keeps growing (DFS asks). */
export function growthWarning(model: Model, store: StateStore, id: number, depth: number, bfs: boolean): string | null {
  const { states } = replay(model, store, id);
  const last = states.length - 1;
  if (last < SPAN) return null;
  // eleven samples, 100 levels apart: a field grows when it moves the same way at every one (a
  // bounded field cannot take eleven distinct values in a row unless its range is that wide)
  const samples = Array.from({ length: STEPS + 1 }, (_, j) => numbers(states[last - SPAN + (j * SPAN) / STEPS]));
  const growing: string[] = [];
  for (const [path, v] of samples[STEPS]!) {
    const vs = samples.map((m) => m.get(path));
    if (vs.some((x) => x === undefined)) continue;
    const xs = vs as number[];
    const up = xs.every((x, j) => j === 0 || x > xs[j - 1]!);
    const down = xs.every((x, j) => j === 0 || x < xs[j - 1]!);
    if (up || down) growing.push(`${path} (${fmt(xs[0]!)} at depth ${fmt(last + 1 - SPAN)}, ${fmt(v)} at depth ${fmt(last + 1)})`);
  }
  if (growing.length === 0 && !bfs) return null;
  const shape = bfs ? `${fmt(depth)} levels deep, with at most ${NARROW} states in each of the last ${fmt(SPAN)}` : `${fmt(depth)} states deep on the DFS stack`;
  const fields = growing.length
    ? `These state fields keep growing along the path: ${growing.slice(0, 6).join("; ")}${growing.length > 6 ? `; and ${growing.length - 6} more` : ""}.`
    : "No number or collection size in the state grows steadily; a long cycle may still be unrolling.";
  return (
    `the search is ${shape}: the state space may be unbounded. ${fields} ` +
    `Bound it with a state constraint, e.g. constraints: { Bounded: (s) => ... } in the spec (states outside are checked, not expanded; see docs/unbounded.md), or stop at a depth with --max-depth N.`
  );
}

/** Every number in a state by its path, and every collection's size as path.size. */
function numbers(s: unknown, path = "", out = new Map<string, number>()): Map<string, number> {
  if (typeof s === "number") out.set(path || "(state)", s);
  else if (s !== null && typeof s === "object") {
    const o = s as { toSeq?: unknown; size?: unknown; entries?: () => Iterable<[unknown, unknown]> };
    const isRecord = typeof (o as { toSeq?: unknown }).toSeq === "function" && !("size" in o);
    if (!isRecord && typeof o.size === "number") out.set(`${path || "(state)"}.size`, o.size);
    if (typeof o.entries === "function") {
      for (const [k, v] of o.entries()) numbers(v, path ? `${path}.${String(k)}` : String(k), out);
    }
  }
  return out;
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}
