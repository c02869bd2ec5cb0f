// Replays a recorded counterexample against a spec as it is now: each recorded state must be
// an initial state (step 0) or a successor, under the recorded action, of the state before it;
// the lasso's loop step too. Then it asks whether the recorded property still breaks.

import { is } from "immutable";
import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";
import { McError, describeThrown } from "../result/errors.js";
import { lassoFairness, propertyBrokenOnLasso } from "./lasso.js";
import type { RecordedTrace } from "./read-trace.js";

export interface ReplayOutcome {
  /** The live states matched so far (all of them when the trace fits). */
  readonly states: readonly unknown[];
  /** The actions that produced states[1..] (the recorded ones, or the ones found to fit). */
  readonly actions: readonly string[];
  /** The first step that no longer fits (0: the initial state; n: the loop step), and why. */
  readonly misfit?: { readonly step: number; readonly reason: string };
  /** Whether what the trace recorded still breaks at its end, in words. */
  readonly stillViolates?: boolean;
  readonly detail?: string;
  /** For a lasso: whether it is fair under the spec's fairness, and the fairness it breaks. */
  readonly fair?: { readonly ok: boolean; readonly broken: readonly string[] };
}

export function replayTrace(model: Model, t: RecordedTrace): ReplayOutcome {
  const states: unknown[] = [];
  const actions: string[] = [];
  const init = model.init.find((s) => t.key(s) === t.keys[0]);
  if (init === undefined) return { states, actions, misfit: { step: 0, reason: "the recorded initial state is not an initial state of the spec" } };
  states.push(init);
  for (let i = 1; i < t.keys.length; i++) {
    const found = step(model, states[i - 1], t.actions[i] ?? undefined, (s) => t.key(s) === t.keys[i]);
    if (typeof found === "string") return { states, actions, misfit: { step: i, reason: found } };
    states.push(found.state);
    actions.push(found.action);
  }
  if (t.loop === undefined) return { states, actions, ...stillBroken(model, t, states, actions) };
  // the lasso's closing step: back from the last state to states[loop]
  const last = states.at(-1);
  const back = states[t.loop];
  const stutter = t.loopAction !== undefined && t.loopAction !== null ? false : is(last, back);
  if (!stutter) {
    const found = step(model, last, t.loopAction ?? undefined, (s) => is(s, back));
    if (typeof found === "string") return { states, actions, misfit: { step: t.keys.length, reason: `the loop step back to state ${t.loop}: ${found}` } };
  }
  const v = t.violation;
  const fair = lassoFairness(model, states, actions, t.loop, stutter ? null : (t.loopAction ?? null));
  if (!v || v.kind !== "liveness") return { states, actions, fair, ...stillBroken(model, t, states, actions) };
  const at = model.propertyNames.indexOf(v.name ?? "");
  if (at < 0) throw missing(model, "property", v.name, model.propertyNames);
  const broken = propertyBrokenOnLasso(model.properties[at]!, states, t.loop);
  const detail = broken
    ? `property ${v.name} is violated on the lasso (states ${t.loop}..${states.length - 1} repeat forever)` + (fair.ok ? "" : `, but the lasso is not fair: ${fair.broken.join("; ")}, so no fair behaviour of the spec takes it`)
    : `property ${v.name} holds on the lasso`;
  return { states, actions, fair, stillViolates: broken && fair.ok, detail };
}

/** The successor of `s` under `action` (every action when unknown) that `matches`, or why none. */
function step(model: Model, s: unknown, action: string | undefined, matches: (x: unknown) => boolean): { state: unknown; action: string } | string {
  const names = action === undefined ? model.actionNames : [action];
  if (action !== undefined && !model.actionNames.includes(action)) return `the spec has no action ${action} (its actions: ${model.actionNames.join(", ")})`;
  let seen = 0;
  for (const name of names) {
    const fn = model.actions[model.actionNames.indexOf(name)]!;
    let succ: readonly unknown[];
    try {
      succ = [...successorsOf(fn(s))];
    } catch (e) {
      throw new McError("MC011", `${model.file}: action ${name} of spec '${model.name}' threw ${describeThrown(e)} while replaying the trace.`);
    }
    seen += succ.length;
    const hit = succ.find(matches);
    if (hit !== undefined) return { state: hit, action: name };
  }
  const who = action === undefined ? "no action of the spec" : `action ${action}`;
  return seen === 0 ? `${who} is enabled in the state before it` : `${who} cannot produce the recorded state (${seen} successor${seen === 1 ? "" : "s"}, none equal to it)`;
}

/** Invariants on the last state, deadlock there, action properties on the last step. */
function stillBroken(model: Model, t: RecordedTrace, states: readonly unknown[], actions: readonly string[]): { stillViolates: boolean; detail: string } {
  const last = states.at(-1);
  const v = t.violation;
  if (!v || v.kind === "liveness") {
    // no property recorded (a foreign ITF trace): every invariant, at the last state
    const bad = model.invariants.findIndex((inv) => !inv(last));
    return bad >= 0
      ? { stillViolates: true, detail: `invariant ${model.invariantNames[bad]} is false in the last state` }
      : { stillViolates: false, detail: "every invariant holds in the last state" };
  }
  if (v.kind === "deadlock") {
    const enabled = model.actionNames.filter((_, i) => successorsOf(model.actions[i]!(last)).length > 0);
    return enabled.length === 0
      ? { stillViolates: true, detail: "the last state still enables no action (deadlock)" }
      : { stillViolates: false, detail: `the last state is no longer a deadlock: ${enabled.join(", ")} enabled` };
  }
  if (v.kind === "action") {
    const at = model.actionPropertyNames.indexOf(v.name ?? "");
    if (at < 0) throw missing(model, "action property", v.name, model.actionPropertyNames);
    if (states.length < 2) return { stillViolates: false, detail: "the trace has no step to check an action property on" };
    const ok = model.actionProperties[at]!(states.at(-2), last, actions.at(-1)!);
    return { stillViolates: !ok, detail: `action property ${v.name} ${ok ? "holds" : "is still false"} on the last step` };
  }
  const at = model.invariantNames.indexOf(v.name ?? "");
  if (at < 0) throw missing(model, "invariant", v.name, model.invariantNames);
  const ok = model.invariants[at]!(last);
  return { stillViolates: !ok, detail: `invariant ${v.name} ${ok ? "now holds" : "is still false"} in the last state` };
}

function missing(model: Model, what: string, name: string | null, names: readonly string[]): McError {
  return new McError("MC044", `${model.file}: the trace records a violation of ${what} ${name}, which spec '${model.name}' does not have (its ${what === "property" ? "properties" : `${what}s`}: ${names.join(", ") || "none"}).`);
}
