// Rebuilds a counterexample from the parent links by replaying the spec: states are never
// stored for traces. The replayed end state must have the fingerprint the search saw, or the
// spec is not deterministic and mc says so instead of printing a wrong trace.

import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../fingerprint/hash.js";
import type { Model } from "../model/compile.js";
import { McError } from "../result/errors.js";
import type { TraceStep } from "../result/result.js";
import type { StateStore } from "./state-store.js";
import { replay } from "./replay.js";
import { successorsOf } from "../model/successors.js";
import { Realiser } from "../symmetry/realise.js";
import { brokenStep } from "./action-properties.js";

export function rebuildTrace(model: Model, store: StateStore, id: number, hi: number, lo: number): TraceStep[] {
  const { states, actions, divergedAt } = replay(model, store, id);
  if (divergedAt !== undefined) nondeterministic(model, divergedAt);
  const trace: TraceStep[] = states.map((state, i) => ({ action: i === 0 ? null : model.actionNames[actions[i - 1]!]!, state }));
  const enc = new Encoder();
  fingerprint(enc.buf.subarray(0, enc.encode(states.at(-1))));
  let h = fpHi();
  let l = fpLo();
  // the seen-sets store a zero half as 1; compare in that form
  if (h === 0) h = 1;
  if (l === 0) l = 1;
  if (h !== (hi === 0 ? 1 : hi >>> 0) || l !== (lo === 0 ? 1 : lo >>> 0)) nondeterministic(model, trace.length - 1);
  if (model.symmetry === null) return trace;
  // The states above are orbit representatives: the same behaviour in real identities.
  const real = new Realiser(model).trace(store.path(id).init, states, actions);
  return trace.map((t, i) => ({ ...t, state: real[i] }));
}

/** MC014: replaying a trace (a counterexample, or a lasso) did not reproduce the same states. */
export function nondeterministic(model: Model, step: number, what = "the counterexample"): never {
  throw new McError(
    "MC014",
    `${model.file}: replaying ${what} diverged at step ${step}: an action of spec '${model.name}' returned different ` +
      `successors for the same state (randomness, Date, a global counter or a mutated closure?). Actions must be pure functions of the state.`,
  );
}

/** The trace to state `stop.id`, then the one step from it that broke an action property. */
export function rebuildStepTrace(model: Model, store: StateStore, stop: { id: number; hi: number; lo: number; action: number; succ: number }): TraceStep[] {
  const trace = rebuildTrace(model, store, stop.id, stop.hi, stop.lo);
  const last = trace.at(-1)!.state;
  if (model.symmetry !== null) {
    // The offending step was taken from the representative: take its image from the real state.
    const rep = replay(model, store, stop.id).states.at(-1);
    const succ = successorsOf(model.actions[stop.action]!(rep));
    if (stop.succ >= succ.length) nondeterministic(model, trace.length);
    const r = new Realiser(model);
    const t = r.step(last, stop.action, r.orbit(succ[stop.succ]), (x) => brokenStep(model, last, x, stop.action) >= 0);
    return [...trace, { action: model.actionNames[stop.action]!, state: t }];
  }
  const succ = successorsOf(model.actions[stop.action]!(last));
  if (stop.succ >= succ.length) nondeterministic(model, trace.length);
  return [...trace, { action: model.actionNames[stop.action]!, state: succ[stop.succ] }];
}
