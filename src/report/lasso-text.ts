// The parts of the text report only a lasso has: how its cycle closes, and, per action with a
// fairness entry, why fairness does not rescue the behaviour (enabled on the cycle? taken?).

import type { FairnessNote, Violation } from "../result/result.js";
import type { Style } from "./style.js";

export function lassoClose(v: Violation, style: Style): string[] {
  const last = v.trace.length - 1;
  if (v.loopAction === null || v.loopAction === undefined) {
    return [style.bold(`  ↻ state ${last} stutters here forever: no step that changes it has to happen.`)];
  }
  return [style.bold(`  ↻ back to state ${v.loop} by ${v.loopAction}, and round the cycle (states ${v.loop}..${last}) forever.`)];
}

export function fairnessLines(v: Violation, style: Style): string[] {
  const notes = v.fairness ?? [];
  if (notes.length === 0) return ["", `Fairness: ${NO_FAIRNESS}`];
  const w = Math.max(...notes.map((n) => n.action.length));
  const out = ["", style.bold("Why fairness does not rescue it (per action with a fairness entry, on the cycle):")];
  for (const n of notes) {
    const enabled = n.enabled === "never" ? "never enabled" : `enabled ${n.enabled}`;
    const why = fairnessWhy(n);
    out.push(`  ${n.kind === "weak" ? "WF" : "SF"} ${n.action.padEnd(w)}  ${enabled.padEnd(20)} ${n.taken ? "taken    " : "not taken"}  ${style.dim(why)}`);
  }
  return out;
}

/** Why one fair action does not rescue a lasso (the text report's and the HTML report's words). */
export function fairnessWhy(n: FairnessNote): string {
  return n.taken ? "taken on the cycle, so it is satisfied"
    : n.enabled === "never" ? "never enabled there, so nothing is demanded"
    : n.kind === "weak" && n.enabled === "somewhere" ? "not continuously enabled, so weak fairness demands nothing"
    : "NOT taken although enabled (this should not happen; please report it)";
}

export const NO_FAIRNESS = "the spec has no fairness entries, so any behaviour may stop or loop anywhere.";
