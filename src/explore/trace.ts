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
  return trace;
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
  const succ = successorsOf(model.actions[stop.action]!(trace.at(-1)!.state));
  if (stop.succ >= succ.length) nondeterministic(model, trace.length);
  return [...trace, { action: model.actionNames[stop.action]!, state: succ[stop.succ] }];
}
