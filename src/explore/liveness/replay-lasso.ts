// Rebuilds a lasso's states by replaying the spec along its steps (states are never stored),
// checks that the closing step really leads back to trace[loop] (under symmetry, unrolls it into
// real identities), and says per fair action how it fares on the cycle: the reader's "why does
// fairness not rescue this?".

import { nondeterministic } from "../trace.js";
import { canonicalizerFor } from "../replay.js";
import { unrollLasso } from "../../symmetry/unroll.js";
import { Encoder } from "../../fingerprint/encode.js";
import type { Model } from "../../model/compile.js";
import { successorsOf } from "../../model/successors.js";
import type { FairnessNote, TraceStep } from "../../result/result.js";
import type { StateGraph } from "./graph.js";
import type { BitLayout } from "./layout.js";
import type { LassoPlan, Step } from "./lasso.js";

export function replayLasso(model: Model, plan: LassoPlan): { trace: TraceStep[]; loop: number; loopAction: string | null } {
  // Successor ordinals are those of the canonical form the search expanded (see canonical.ts):
  // with symmetry, the orbit representative.
  const canon = canonicalizerFor(model);
  let s = canon.of(model.init[plan.init]);
  const trace: TraceStep[] = [{ action: null, state: s }];
  const next = (from: unknown, step: Step, at: number): unknown => {
    const succ = successorsOf(model.actions[step.action]!(from));
    if (step.succ >= succ.length) nondeterministic(model, at, "the lasso");
    return canon.of(succ[step.succ]);
  };
  plan.steps.forEach((step, i) => {
    s = next(s, step, i + 1);
    trace.push({ action: model.actionNames[step.action]!, state: s });
  });
  if (plan.close !== null) {
    const back = next(s, plan.close, trace.length);
    const enc = new Encoder();
    const a = enc.buf.slice(0, enc.encode(back));
    const b = enc.buf.slice(0, enc.encode(trace[plan.loop]!.state));
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) nondeterministic(model, trace.length, "the lasso");
  }
  const loopAction = plan.close === null ? null : model.actionNames[plan.close.action]!;
  if (model.symmetry === null) return { trace, loop: plan.loop, loopAction };
  // A lasso of representatives: unrolled until it closes in real identities (symmetry/unroll.ts).
  const real = unrollLasso(model, plan.init, trace.map((t) => t.state), plan.steps.map((x) => x.action), plan.loop, plan.close?.action ?? null);
  return { trace: real.states.map((state, i) => ({ action: i === 0 ? null : model.actionNames[real.actions[i - 1]!]!, state })), loop: real.loop, loopAction };
}

export function fairnessNotes(model: Model, g: StateGraph, layout: BitLayout, plan: LassoPlan): FairnessNote[] {
  const notes: FairnessNote[] = [];
  const cyc = plan.cycle;
  model.fairness.forEach((kind, a) => {
    if (kind === null) return;
    const bit = layout.enabled[a]!;
    const on = cyc.filter((x) => g.bit(x, bit)).length;
    let taken = false;
    if (plan.close !== null) {
      for (let i = 0; i < cyc.length && !taken; i++) {
        const from = cyc[i]!;
        const to = cyc[(i + 1) % cyc.length]!;
        for (let e = g.firstEdge(from), end = g.endEdge(from); e < end; e++) if (g.action(e) === a && g.target(e) === to) taken = true;
      }
    }
    notes.push({ action: model.actionNames[a]!, kind, enabled: on === 0 ? "never" : on === cyc.length ? "everywhere" : "somewhere", taken });
  });
  return notes;
}
