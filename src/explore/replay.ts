// Replays the spec along a recorded path to recompute a state: used for counterexamples and by
// a worker that meets a state it cannot decode (a Record type it has not built itself yet).
// Every state is replaced by its canonical form before it is expanded, initial states included,
// exactly as the search expands states decoded from bytes: successor k of a state iterating a
// Set or Map is then the same successor here as in the search.

import { Canonicalizer } from "../fingerprint/canonical.js";
import { orbitCanon } from "../symmetry/orbit.js";
import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";
import type { StateStore } from "./state-store.js";

/** The states along the path to `id`, or the step at which the spec stopped reproducing it. */
export function replay(model: Model, store: StateStore, id: number): { states: unknown[]; actions: number[]; divergedAt?: number } {
  const canon = canonicalizerFor(model);
  const path = store.path(id);
  let s = canon.of(model.init[path.init]);
  const states = [s];
  const actions: number[] = [];
  for (const step of path.steps) {
    const next = replayStep(model, canon, s, step.action, step.succ);
    if (next === undefined) return { states, actions, divergedAt: states.length };
    s = next;
    states.push(s);
    actions.push(step.action);
  }
  return { states, actions };
}

/** Successor `k` by action `a` of `s`, in the search's canonical form; undefined when `s` has no successor `k` (the spec is not deterministic). */
export function replayStep(model: Model, canon: Canonicalizer, s: unknown, a: number, k: number): unknown {
  const succ = successorsOf(model.actions[a]!(s));
  return k < succ.length ? canon.of(succ[k]) : undefined;
}

/** The search's canonical form: with symmetry, the orbit representative. */
export function canonicalizerFor(model: Model): Canonicalizer {
  return new Canonicalizer(model.symmetry === null ? null : (s, enc, len) => orbitCanon(model).canonical(s, enc, 0, len));
}
