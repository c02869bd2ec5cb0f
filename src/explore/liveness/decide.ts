// Decides each temporal property on the finished state graph. A property is violated exactly
// when some fair behaviour satisfies its negation; each shape's negation is "reach a region, then
// stay in it forever fairly (visiting an accepting state infinitely often)":
//   <>p      : from an initial ¬p state, stay in ¬p forever              (region: ¬p reachable through ¬p)
//   p ~> q   : reach a p ∧ ¬q state, then stay in ¬q forever              (region: ¬q reachable from p ∧ ¬q through ¬q)
//   []<>p    : from some point on, stay in ¬p forever                     (region: ¬p)
//   <>[]p    : visit ¬p infinitely often                                  (region: all; accepting: ¬p)

import type { Model } from "../../model/compile.js";
import { FairCycleSearch, type FairAction } from "./fair-cycle.js";
import type { StateGraph } from "./graph.js";
import type { BitLayout } from "./layout.js";
import { buildLasso, type LassoPlan } from "./lasso.js";
import type { StateStore } from "../state-store.js";

export interface PropertyOutcome {
  /** The first violated property and its lasso, if any. */
  readonly violation?: { readonly property: number; readonly lasso: LassoPlan };
  readonly warnings: readonly string[];
}

export function decideProperties(model: Model, g: StateGraph, store: StateStore, layout: BitLayout): PropertyOutcome {
  const n = g.size;
  const fair: FairAction[] = [];
  model.fairness.forEach((kind, a) => {
    if (kind !== null) fair.push({ action: a, kind, bit: layout.enabled[a]! });
  });
  const warnings: string[] = [];
  for (const f of fair) {
    let ever = false;
    for (let i = 0; i < n && !ever; i++) ever = g.bit(i, f.bit);
    if (!ever) warnings.push(`fair action '${model.actionNames[f.action]}' (${f.kind}) is never enabled in any reachable state: its fairness constrains nothing.`);
  }
  model.properties.forEach((prop, k) => {
    if (prop.kind !== "leadsTo") return;
    let ever = false;
    for (let i = 0; i < n && !ever; i++) ever = g.bit(i, layout.p[k]!);
    if (!ever) warnings.push(`property '${model.propertyNames[k]}' holds vacuously: the left side of its leadsTo never holds in any reachable state.`);
  });

  const search = new FairCycleSearch(g, fair);
  for (let k = 0; k < model.properties.length; k++) {
    const prop = model.properties[k]!;
    const p = layout.p[k]!;
    const q = layout.q[k]!;
    const region = new Uint8Array(n);
    let seeds: number[] | null = null;
    let accept: ((i: number) => boolean) | null = null;
    if (prop.kind === "eventually" || prop.kind === "leadsTo") {
      seeds = [];
      const start = prop.kind === "eventually" ? (i: number) => i < g.initCount && !g.bit(i, p) : (i: number) => g.bit(i, p) && !g.bit(i, q);
      const stay = prop.kind === "eventually" ? (i: number) => !g.bit(i, p) : (i: number) => !g.bit(i, q);
      for (let i = 0; i < n; i++) if (start(i)) seeds.push(i);
      reach(g, seeds, stay, region);
    } else if (prop.kind === "infinitelyOften") {
      for (let i = 0; i < n; i++) region[i] = g.bit(i, p) ? 0 : 1;
    } else {
      region.fill(1);
      accept = (i) => !g.bit(i, p);
    }
    // Behaviours that leave the constraints are cut (TLC): a state outside them was not expanded,
    // so it is on no cycle, and it must not end a behaviour by stuttering there forever.
    if (layout.cut >= 0) for (let i = 0; i < n; i++) if (g.bit(i, layout.cut)) region[i] = 0;
    const found = search.find(region, accept);
    if (found === null) continue;
    const lasso = buildLasso({ g, store, found, label: search.label, fair, seeds, region, accept });
    return { violation: { property: k, lasso }, warnings };
  }
  return { warnings };
}

/** Marks in `region` every state reachable from `seeds` through states where `stay` holds. */
function reach(g: StateGraph, seeds: readonly number[], stay: (i: number) => boolean, region: Uint8Array): void {
  const queue = new Int32Array(g.size);
  let tail = 0;
  for (const s of seeds) {
    if (region[s] === 1) continue;
    region[s] = 1;
    queue[tail++] = s;
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    for (let e = g.firstEdge(v), end = g.endEdge(v); e < end; e++) {
      const w = g.target(e);
      if (region[w] === 1 || !stay(w)) continue;
      region[w] = 1;
      queue[tail++] = w;
    }
  }
}
