// Turns a fair cycle found in the state graph into a lasso: a path from an initial state into
// the cycle, then a tour of the cycle that visits what fairness and the property need (an
// accepting state; per weakly-fair action a state where it is disabled or one of its steps; per
// strongly-fair action enabled there one of its steps), each leg a shortest path (BFS).

import type { StateStore } from "../state-store.js";
import type { FairAction, Found } from "./fair-cycle.js";
import type { StateGraph } from "./graph.js";

export interface Step {
  readonly action: number;
  readonly succ: number;
}

export interface LassoPlan {
  /** The initial state (its index in init) and the steps from it: trace[i + 1] = steps[i] of trace[i]. */
  readonly init: number;
  readonly steps: readonly Step[];
  /** The behaviour goes on from the last state back to trace[loop] by `close` (null: it stutters). */
  readonly loop: number;
  readonly close: Step | null;
  /** Graph ids of trace[loop], ..., trace[n-1]: the states on the cycle. */
  readonly cycle: readonly number[];
}

export interface LassoInput {
  readonly g: StateGraph;
  readonly store: StateStore;
  readonly found: Found;
  /** Region label of every state (the fair cycle search's), to tell cycle members. */
  readonly label: Int32Array;
  readonly fair: readonly FairAction[];
  /** States the behaviour may start its approach from (null: any state, via its BFS tree path). */
  readonly seeds: readonly number[] | null;
  /** States the approach from a seed may pass through. */
  readonly region: Uint8Array;
  readonly accept: ((i: number) => boolean) | null;
}

export function buildLasso(x: LassoInput): LassoPlan {
  const { g, found } = x;
  const inCycle = found.kind === "stutter" ? (i: number) => i === found.state : (i: number) => x.label[i] === found.label;
  const bfs = new Bfs(g);
  // The approach: a shortest path from the seeds (through the region) to the cycle.
  let entry: number;
  let approach: Step[];
  let seed: number;
  if (x.seeds === null) {
    // the component's smallest id: the shallowest state in BFS order, for a short prefix
    entry = found.kind === "stutter" ? found.state : found.states.reduce((a, b) => Math.min(a, b));
    seed = entry;
    approach = [];
  } else {
    const leg = bfs.path(x.seeds, (i) => x.region[i] === 1, inCycle);
    if (leg === null) throw new Error("liveness: the fair cycle is not reachable from the seeds");
    seed = leg.from;
    entry = leg.to;
    approach = leg.steps;
  }
  const tree = x.store.path(seed);
  const steps: Step[] = [...tree.steps, ...approach];
  const loop = steps.length;
  if (found.kind === "stutter") return { init: tree.init, steps, loop, close: null, cycle: [entry] };

  // The tour: from the entry through every required state or step, then back to the entry.
  const cycle: number[] = [entry];
  const tour: Step[] = [];
  let cur = entry;
  const go = (goal: (i: number) => boolean, thenAction = -1): void => {
    const leg = bfs.path([cur], inCycle, goal)!;
    for (let i = 0; i < leg.steps.length; i++) {
      tour.push(leg.steps[i]!);
      cycle.push(leg.states[i + 1]!);
    }
    cur = leg.to;
    if (thenAction >= 0) {
      const e = edgeInside(g, cur, thenAction, inCycle);
      tour.push({ action: g.action(e), succ: g.succ(e) });
      cur = g.target(e);
      cycle.push(cur);
    }
  };
  if (x.accept !== null && !x.accept(cur)) go(x.accept);
  for (const f of x.fair) {
    const enabledSomewhere = found.states.some((s) => g.bit(s, f.bit));
    const disabledSomewhere = found.states.some((s) => !g.bit(s, f.bit));
    if (!enabledSomewhere) continue;
    if (f.kind === "weak" && disabledSomewhere) {
      if (g.bit(cur, f.bit)) go((i) => !g.bit(i, f.bit));
      continue;
    }
    go((i) => edgeInside(g, i, f.action, inCycle) >= 0, f.action);
  }
  // at least one step round the cycle (under symmetry the cycle may be one state and its self-loop)
  if (tour.length === 0) {
    if (found.states.length > 1) go((i) => i !== entry);
    else go(() => true, selfLoopAction(g, entry));
  }
  if (cur !== entry) go((i) => i === entry);
  // the last state of the tour is the entry again: it closes the loop instead of repeating it
  cycle.pop();
  const close = tour.pop()!;
  return { init: tree.init, steps: [...steps, ...tour], loop, close, cycle };
}

/** The action of a self-loop of `x` (one exists: `x` alone is a cycle). */
function selfLoopAction(g: StateGraph, x: number): number {
  const e = g.selfLoop(x);
  if (e < 0) throw new Error(`liveness: state ${x} is a one-state cycle without a self-loop`);
  return g.action(e);
}

/** An edge out of `x` by action `a` into the cycle, or -1. */
function edgeInside(g: StateGraph, x: number, a: number, inCycle: (i: number) => boolean): number {
  for (let e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) if (g.action(e) === a && inCycle(g.target(e))) return e;
  return -1;
}

/** Breadth-first search over the graph's edges, reusing its arrays between legs. */
class Bfs {
  private readonly mark: Int32Array;
  private readonly via: Int32Array;
  private readonly from: Int32Array;
  private readonly queue: Int32Array;
  private stamp = 0;
  constructor(private readonly g: StateGraph) {
    this.mark = new Int32Array(g.size);
    this.via = new Int32Array(g.size);
    this.from = new Int32Array(g.size);
    this.queue = new Int32Array(g.size);
  }

  /** A shortest path from one of `sources` through `inside` states to a state where `goal` holds (maybe a source itself). */
  path(sources: readonly number[], inside: (i: number) => boolean, goal: (i: number) => boolean): { from: number; to: number; steps: Step[]; states: number[] } | null {
    const { g, mark, via, from, queue } = this;
    const stamp = ++this.stamp;
    let head = 0;
    let tail = 0;
    for (const s of sources) {
      if (!inside(s) || mark[s] === stamp) continue;
      if (goal(s)) return { from: s, to: s, steps: [], states: [s] };
      mark[s] = stamp;
      via[s] = -1;
      queue[tail++] = s;
    }
    while (head < tail) {
      const v = queue[head++]!;
      for (let e = g.firstEdge(v), end = g.endEdge(v); e < end; e++) {
        const w = g.target(e);
        if (mark[w] === stamp || !inside(w)) continue;
        mark[w] = stamp;
        via[w] = e;
        from[w] = v;
        if (goal(w)) {
          const steps: Step[] = [];
          const states: number[] = [w];
          let x = w;
          while (via[x] !== -1) {
            steps.push({ action: g.action(via[x]!), succ: g.succ(via[x]!) });
            x = from[x]!;
            states.push(x);
          }
          return { from: x, to: w, steps: steps.reverse(), states: states.reverse() };
        }
        queue[tail++] = w;
      }
    }
    return null;
  }
}
