// Rebuilds a counterexample from the parent links by replaying the spec: states are never
// stored for traces. The replayed end state must have the fingerprint the search saw, or the
// spec is not deterministic and mc says so instead of printing a wrong trace.

import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../fingerprint/hash.js";
import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";
import { McError } from "../result/errors.js";
import type { TraceStep } from "../result/result.js";
import type { StateStore } from "./state-store.js";

export function rebuildTrace(model: Model, store: StateStore, id: number, hi: number, lo: number): TraceStep[] {
  const path = store.path(id);
  let s = model.init[path.init];
  const trace: TraceStep[] = [{ action: null, state: s }];
  for (const step of path.steps) {
    const succ = successorsOf(model.actions[step.action]!(s));
    if (step.succ >= succ.length) nondeterministic(model, trace.length);
    s = succ[step.succ];
    trace.push({ action: model.actionNames[step.action]!, state: s });
  }
  const enc = new Encoder();
  fingerprint(enc.buf.subarray(0, enc.encode(s)));
  if (fpHi() !== hi >>> 0 || fpLo() !== lo >>> 0) nondeterministic(model, trace.length - 1);
  return trace;
}

function nondeterministic(model: Model, step: number): never {
  throw new McError(
    "MC014",
    `${model.file}: replaying the counterexample diverged at step ${step}: an action of spec '${model.name}' returned different ` +
      `successors for the same state (randomness, Date, a global counter or a mutated closure?). Actions must be pure functions of the state.`,
  );
}
