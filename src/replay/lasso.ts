// A temporal property and the fairness of the spec, evaluated directly on one lasso: states
// 0..n-1, then states loop..n-1 forever. Positions from `loop` on form the cycle.

import { is } from "immutable";
import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";
import type { Property } from "../spec/properties.js";

/** Whether the lasso violates `p`. */
export function propertyBrokenOnLasso<S>(p: Property<S>, states: readonly S[], loop: number): boolean {
  const n = states.length;
  const cycle = states.slice(loop);
  switch (p.kind) {
    case "eventually": // <>p: p never holds
      return states.every((s) => !p.p(s));
    case "infinitelyOften": // []<>p: p false on every cycle state
      return cycle.every((s) => !p.p(s));
    case "eventuallyAlways": // <>[]p: the cycle visits a ¬p state forever
      return cycle.some((s) => !p.p(s));
    case "leadsTo": // p ~> q: some p-state after which q never holds (from i on; the cycle repeats)
      for (let i = 0; i < n; i++) {
        if (!p.p(states[i])) continue;
        if (states.slice(Math.min(i, loop)).every((s) => !p.q(s))) return true;
      }
      return false;
  }
}

/**
 * TLA's WF/SF on the cycle: WF_vars(A) is broken when A is enabled (as a step that changes the
 * state) on every cycle state and never taken in the cycle; SF_vars(A) when it is enabled on
 * some cycle state and never taken. A lasso that breaks one is no behaviour of the fair spec.
 */
export function lassoFairness(model: Model, states: readonly unknown[], actions: readonly string[], loop: number, loopAction: string | null): { ok: boolean; broken: string[] } {
  const cycle = states.slice(loop);
  const taken = new Set<string>();
  for (let i = loop + 1; i < states.length; i++) if (!is(states[i - 1], states[i])) taken.add(actions[i - 1]!);
  if (loopAction !== null && !is(states.at(-1), states[loop])) taken.add(loopAction);
  const broken: string[] = [];
  model.actionNames.forEach((name, a) => {
    const kind = model.fairness[a];
    if (!kind || taken.has(name)) return;
    const enabled = cycle.map((s) => successorsOf(model.actions[a]!(s)).some((x) => !is(x, s)));
    if (kind === "weak" && enabled.every(Boolean)) broken.push(`weak fairness of ${name} (enabled on every cycle state, never taken)`);
    if (kind === "strong" && enabled.some(Boolean)) broken.push(`strong fairness of ${name} (enabled on a cycle state, never taken)`);
  });
  return { ok: broken.length === 0, broken };
}
