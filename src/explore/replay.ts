// Replays the spec along a recorded path to recompute a state: used for counterexamples and by
// a worker that meets a state it cannot decode (a Record type it has not built itself yet).

import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";
import type { StateStore } from "./state-store.js";

/** The states along the path to `id`, or the step at which the spec stopped reproducing it. */
export function replay(model: Model, store: StateStore, id: number): { states: unknown[]; actions: number[]; divergedAt?: number } {
  const path = store.path(id);
  let s = model.init[path.init];
  const states = [s];
  const actions: number[] = [];
  for (const step of path.steps) {
    const succ = successorsOf(model.actions[step.action]!(s));
    if (step.succ >= succ.length) return { states, actions, divergedAt: states.length };
    s = succ[step.succ];
    states.push(s);
    actions.push(step.action);
  }
  return { states, actions };
}
