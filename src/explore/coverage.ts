// TLC's action coverage from a search's counts: per action, the states it was enabled in, the
// successors it generated and the new states it found first; per invariant, the states it was
// evaluated on. And the warning for an action that no reachable state enables.

import type { Model } from "../model/compile.js";
import type { Coverage } from "../result/result.js";
import type { SearchOutcome } from "./search.js";

export function coverageOf(model: Model, out: SearchOutcome): Coverage {
  const found = out.store.countByAction(model.actions.length);
  const { enabled, generated } = out.actionStats;
  // Every new state is checked against the invariants in order until one fails; only a state
  // that broke invariant i skipped those after it (and the search stopped there).
  const broke = out.stop?.kind === "invariant" ? out.stop.invariant : Infinity;
  return {
    actions: model.actionNames.map((name, a) => ({ name, enabled: enabled[a]!, generated: generated[a]!, distinct: found[a]! })),
    invariants: model.invariantNames.map((name, i) => ({ name, evaluated: out.distinct - (i > broke ? 1 : 0) })),
  };
}

/**
 * After a complete search: one warning per action that no reachable state enables. A fair action
 * is left to the liveness check's vacuity warning when temporal properties were checked, so that
 * it is said once, naming its fairness.
 */
export function neverEnabled(model: Model, out: SearchOutcome): string[] {
  const n = out.distinct.toLocaleString("en-US");
  const saidByLiveness = (a: number): boolean => out.graph !== undefined && model.fairness[a] !== null;
  const expected = new Set(model.view.mayNeverFire ?? []);
  return model.actionNames
    .filter((name, a) => out.actionStats.enabled[a] === 0 && !saidByLiveness(a) && !expected.has(name))
    .map((name) => `action '${name}' is never enabled in any of the ${n} reachable states (almost always a spec bug: a guard that never holds, or a misspelt state field).`);
}
