// How a kernel spec with interchangeable actors shows its traces: each step in kernel terms
// through the actor block (which actor took it), its counts as a timeline under the trace, and
// the Halt that only stutters after a fault as an action a correct run need never take.

import type { Actors } from "./actors.js";
import type { StepTexts } from "./step-text.js";

/** A spec's `view` (SpecView's presentation hooks) over the actor block `actors`. */
export function actorView<S, L>(
  actors: Actors<L>,
  texts: StepTexts,
  counters: (s: S) => { readonly [counter: string]: number },
  mayNeverFire: readonly string[] = ["Halt"],
): { readonly mayNeverFire: readonly string[]; readonly counters: (s: S) => { readonly [counter: string]: number }; readonly describeStep: (action: string, before: S, after: S) => string } {
  return { mayNeverFire, counters, describeStep: (action, before, after) => actors.describe(texts, action, before, after) };
}
