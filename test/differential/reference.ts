// A reference explorer written for obviousness, to test mc against: a plain breadth-first
// search over the spec's own values, states told apart by Immutable's own hash and is, every
// level kept whole. It shares nothing with mc but the compiled spec's init, actions and invariants.
import { hash, is, isImmutable } from "immutable";
import type { Model } from "../../src/model/compile.js";

/** A set of states under Immutable.is. */
class StateSet {
  private readonly buckets = new Map<number, unknown[]>();
  size = 0;

  /** Adds `v`; false if an equal state was there already. */
  add(v: unknown): boolean {
    const b = this.buckets.get(hash(v)) ?? [];
    if (b.some((w) => is(w, v))) return false;
    b.push(v);
    this.buckets.set(hash(v), b);
    this.size++;
    return true;
  }
}

/** What an action returned, as the README's contract says, as a list of successors. */
export function successors(r: unknown): unknown[] {
  if (r === null || r === undefined || r === false) return [];
  if (Array.isArray(r)) return r;
  if (typeof r === "object" && !isImmutable(r) && typeof (r as Iterator<unknown>).next === "function") return [...(r as Iterable<unknown>)];
  return [r];
}

/** Every successor of `s` with the name of the action that produced it. */
export function steps(m: Model, s: unknown): { action: string; state: unknown }[] {
  return m.actions.flatMap((a, i) => successors(a(s)).map((t) => ({ action: m.actionNames[i]!, state: t })));
}

/** The name of the first invariant `s` breaks, or null. */
export function broken(m: Model, s: unknown): string | null {
  const i = m.invariants.findIndex((inv) => inv(s) !== true);
  return i < 0 ? null : m.invariantNames[i]!;
}

export interface ReferenceResult {
  readonly distinct: number;
  /** Initial states plus every successor of every reachable state, duplicates included. */
  readonly generated: number;
  /** BFS levels: states on the longest shortest path. */
  readonly depth: number;
  /** The least depth of a state breaking an invariant, or Infinity. */
  readonly firstBroken: number;
  /** The least depth of a state with no successor, or Infinity. */
  readonly firstDeadlock: number;
}

export function explore(m: Model): ReferenceResult {
  const seen = new StateSet();
  let generated = 0;
  let firstBroken = Infinity;
  let firstDeadlock = Infinity;
  let level: unknown[] = [];
  for (const s of m.init) {
    generated++;
    if (seen.add(s)) level.push(s);
  }
  let depth = 0;
  while (level.length > 0) {
    depth++;
    const next: unknown[] = [];
    for (const s of level) {
      if (broken(m, s) !== null) firstBroken = Math.min(firstBroken, depth);
      const succ = steps(m, s);
      generated += succ.length;
      if (succ.length === 0) firstDeadlock = Math.min(firstDeadlock, depth);
      for (const t of succ) if (seen.add(t.state)) next.push(t.state);
    }
    level = next;
  }
  return { distinct: seen.size, generated, depth, firstBroken, firstDeadlock };
}
