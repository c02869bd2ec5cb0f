// check(): compile the spec, explore, rebuild the trace, and return the result as data. This
// is the whole pipeline behind both `mc check` and the public API.

import { availableParallelism } from "node:os";
import { initHash } from "../fingerprint/hash.js";
import { compile, symmetrySizes, type Model } from "../model/compile.js";
import { selectChecks } from "../model/select.js";
import { collisionProbability, type CheckListener, type CheckResult, type Violation } from "../result/result.js";
import type { Spec } from "../spec/types.js";
import { resolveOptions, type CheckOptions, type ResolvedOptions } from "./options.js";
import { search, type SearchOutcome } from "./search.js";
import { parallelSearch } from "./parallel/coordinator.js";
import { rebuildStepTrace, rebuildTrace } from "./trace.js";
import { annotate } from "./annotate.js";
import { ledgerOf } from "./ledger.js";
import { coverageOf, neverEnabled } from "./coverage.js";
import { decideProperties } from "./liveness/decide.js";
import { layoutOf } from "./liveness/layout.js";
import { verifySymmetry } from "../symmetry/verify.js";
import { REACH, verifyReached } from "./symmetry-reach.js";
import { fairnessNotes, replayLasso } from "./liveness/replay-lasso.js";

export async function check<S>(spec: Spec<S>, options: CheckOptions = {}, listener: CheckListener = {}): Promise<CheckResult> {
  const opts = resolveOptions(options, availableParallelism());
  await initHash();
  const selected = selectChecks(compile(spec as Spec<unknown>, opts.constants, opts.file, { symmetry: opts.symmetry }), opts.select);
  const { model, skipped } = withoutTemporalUnderDfs(selected, opts.strategy, opts.select?.properties ?? []);
  const checked = verifySymmetry(model);
  listener.onStart?.({ spec: model.name, strategy: opts.strategy, workers: opts.workers, constants: model.constants });
  const started = performance.now();
  // After the search, the states past the first ones, deep ones included: an asymmetry there
  // would make the counts and verdict wrong. Parallel workers split that check between them.
  const out = opts.workers > 1 ? await parallelSearch(model, opts, listener, checked) : await search(model, opts, listener);
  if (out.stop?.kind !== "interrupted" && opts.workers === 1) verifyReached(model, out.store, REACH, checked);
  return resultOf(model, opts, out, started, skipped);
}

/** The result of a search: the trace rebuilt and labelled, liveness decided, the verdict (also for the cluster mode's outcome). */
export function resultOf(model: Model, opts: ResolvedOptions, out: SearchOutcome, started: number, skipped: readonly string[] = []): CheckResult {
  let violation: Violation | undefined;
  let warnings: readonly string[] = [];
  const stop = out.stop;
  if (stop !== null && stop.kind !== "bounded" && stop.kind !== "interrupted") {
    const trace = stop.kind === "action" ? rebuildStepTrace(model, out.store, stop) : rebuildTrace(model, out.store, stop.id, stop.hi, stop.lo);
    const { trace: labelled, counters } = annotate(trace, model.view);
    const name = stop.kind === "invariant" ? model.invariantNames[stop.invariant]! : stop.kind === "action" ? model.actionPropertyNames[stop.property]! : null;
    const ledger = ledgerOf(labelled, counters, model.view);
    violation = { kind: stop.kind, name, trace: labelled, ...(counters ? { counters } : {}), ...(ledger ? { ledger } : {}) };
  } else if (stop === null && out.graph) {
    const live = liveness(model, out);
    violation = live.violation;
    warnings = live.warnings;
  }
  const durationMs = performance.now() - started;
  const props = [...model.propertyNames, ...model.actionPropertyNames];
  const constrained = model.constraints.length > 0 && stop === null ? Object.fromEntries(model.constraintNames.map((n, i) => [n, out.cut[i]!])) : undefined;
  const cut = out.cut.reduce((a, b) => a + b, 0);
  // Some state was outside a constraint: the search did not go past it, so nothing is proved.
  const bound = stop?.kind === "bounded" ? stop.reason : stop === null && cut > 0 ? constraintBound(model, out.cut) : undefined;
  const verdict = violation ? "violation" : bound !== undefined ? "bounded" : stop?.kind === "interrupted" ? "interrupted" : "ok";
  if (verdict === "ok") warnings = [...neverEnabled(model, out), ...warnings];
  if (out.warnings.length) warnings = [...out.warnings, ...warnings];
  if (skipped.length) warnings = [`temporal ${skipped.length === 1 ? "property" : "properties"} ${skipped.join(", ")} ${skipped.length === 1 ? "was" : "were"} not checked: ${skipped.length === 1 ? "it is" : "they are"} decided on the state graph a breadth-first search builds; run without --strategy dfs to check ${skipped.length === 1 ? "it" : "them"}.`, ...warnings];
  return {
    spec: model.name,
    file: opts.file,
    verdict,
    distinctStates: out.distinct,
    generatedStates: out.generated,
    depth: violation ? violation.trace.length : out.depth,
    ...(violation ? { violation } : {}),
    ...(bound !== undefined && !violation ? { bound } : {}),
    ...(constrained ? { constrained } : {}),
    ...(model.terminals.length > 0 && stop === null ? { terminalStates: out.terminal } : {}),
    strategy: opts.strategy,
    workers: opts.workers,
    constants: model.constants,
    durationMs,
    collisionProbability: collisionProbability(out.distinct, out.generated),
    storeBytes: out.storeBytes,
    ...(props.length ? { properties: props } : {}),
    invariants: model.invariantNames,
    ...(opts.select !== null ? { selected: true } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(opts.coverage ? { coverage: coverageOf(model, out) } : {}),
    ...(model.symmetry ? { symmetry: symmetrySizes(model)! } : {}),
  };
}

/**
 * DFS checks invariants and action properties; temporal properties need BFS's state graph. Left
 * out with a warning, unless --property named one (then search() refuses with MC019).
 */
function withoutTemporalUnderDfs(model: Model, strategy: string, named: readonly string[]): { model: Model; skipped: readonly string[] } {
  if (strategy !== "dfs" || model.properties.length === 0 || model.propertyNames.some((n) => named.includes(n))) return { model, skipped: [] };
  return { model: { ...model, propertyNames: [], properties: [] }, skipped: model.propertyNames };
}

function constraintBound(model: Model, cut: Float64Array): string {
  const parts = model.constraintNames.flatMap((n, i) => (cut[i]! > 0 ? [`${cut[i]!.toLocaleString("en-US")} outside ${n}`] : []));
  return `within the state constraints: ${parts.join(", ")} (checked, not expanded)`;
}

/** Decides the temporal properties on the search's graph; the first violated one becomes a lasso. */
function liveness(model: Model, out: SearchOutcome): { violation?: Violation; warnings: readonly string[] } {
  const g = out.graph!;
  const layout = layoutOf(model);
  const decided = decideProperties(model, g, out.store, layout);
  if (!decided.violation) return { warnings: decided.warnings };
  const plan = decided.violation.lasso;
  const { trace, loop, loopAction } = replayLasso(model, plan);
  const { trace: labelled, counters } = annotate(trace, model.view);
  const violation: Violation = {
    kind: "liveness",
    name: model.propertyNames[decided.violation.property]!,
    trace: labelled,
    loop,
    loopAction,
    ...(counters ? { counters } : {}),
    fairness: fairnessNotes(model, g, layout, plan),
  };
  const ledger = ledgerOf(labelled, counters, model.view, loop);
  if (ledger) return { violation: { ...violation, ledger }, warnings: decided.warnings };
  return { violation, warnings: decided.warnings };
}
