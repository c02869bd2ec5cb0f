// check(): compile the spec, explore, rebuild the trace, and return the result as data. This
// is the whole pipeline behind both `mc check` and the public API.

import { availableParallelism } from "node:os";
import { initHash } from "../fingerprint/hash.js";
import { compile, type Model } from "../model/compile.js";
import { selectChecks } from "../model/select.js";
import { collisionProbability, type CheckListener, type CheckResult, type Violation } from "../result/result.js";
import type { Spec } from "../spec/types.js";
import { resolveOptions, type CheckOptions } from "./options.js";
import { search, type SearchOutcome } from "./search.js";
import { parallelSearch } from "./parallel/coordinator.js";
import { rebuildStepTrace, rebuildTrace } from "./trace.js";
import { annotate } from "./annotate.js";
import { ledgerOf } from "./ledger.js";
import { coverageOf, neverEnabled } from "./coverage.js";
import { decideProperties } from "./liveness/decide.js";
import { layoutOf } from "./liveness/layout.js";
import { fairnessNotes, replayLasso } from "./liveness/replay-lasso.js";

export async function check<S>(spec: Spec<S>, options: CheckOptions = {}, listener: CheckListener = {}): Promise<CheckResult> {
  const opts = resolveOptions(options, availableParallelism());
  await initHash();
  const model = selectChecks(compile(spec as Spec<unknown>, opts.constants, opts.file), opts.select);
  listener.onStart?.({ spec: model.name, strategy: opts.strategy, workers: opts.workers, constants: model.constants });
  const started = performance.now();
  const out = opts.workers > 1 ? await parallelSearch(model, opts, listener) : await search(model, opts, listener);

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
  const verdict = violation ? "violation" : stop?.kind === "bounded" ? "bounded" : stop?.kind === "interrupted" ? "interrupted" : "ok";
  if (verdict === "ok") warnings = [...neverEnabled(model, out), ...warnings];
  return {
    spec: model.name,
    file: opts.file,
    verdict,
    distinctStates: out.distinct,
    generatedStates: out.generated,
    depth: violation ? violation.trace.length : out.depth,
    ...(violation ? { violation } : {}),
    ...(stop?.kind === "bounded" ? { bound: stop.reason } : {}),
    strategy: opts.strategy,
    workers: opts.workers,
    constants: model.constants,
    durationMs,
    collisionProbability: collisionProbability(out.distinct, out.generated),
    storeBytes: out.storeBytes,
    ...(props.length ? { properties: props } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(opts.coverage ? { coverage: coverageOf(model, out) } : {}),
  };
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
