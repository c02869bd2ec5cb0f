// check(): compile the spec, explore, rebuild the trace, and return the result as data. This
// is the whole pipeline behind both `mc check` and the public API.

import { availableParallelism } from "node:os";
import { initHash } from "../fingerprint/hash.js";
import { compile } from "../model/compile.js";
import { collisionProbability, type CheckListener, type CheckResult, type Violation } from "../result/result.js";
import type { Spec } from "../spec/types.js";
import { resolveOptions, type CheckOptions } from "./options.js";
import { search } from "./search.js";
import { parallelSearch } from "./parallel/coordinator.js";
import { rebuildTrace } from "./trace.js";
import { annotate } from "./annotate.js";

export async function check<S>(spec: Spec<S>, options: CheckOptions = {}, listener: CheckListener = {}): Promise<CheckResult> {
  const opts = resolveOptions(options, availableParallelism());
  await initHash();
  const model = compile(spec as Spec<unknown>, opts.constants, opts.file);
  listener.onStart?.({ spec: model.name, strategy: opts.strategy, workers: opts.workers, constants: model.constants });
  const started = performance.now();
  const out = opts.workers > 1 ? await parallelSearch(model, opts, listener) : await search(model, opts, listener);
  const durationMs = performance.now() - started;

  let violation: Violation | undefined;
  const stop = out.stop;
  if (stop !== null && (stop.kind === "invariant" || stop.kind === "deadlock")) {
    const trace = rebuildTrace(model, out.store, stop.id, stop.hi, stop.lo);
    const { trace: labelled, counters } = annotate(trace, model.view);
    const name = stop.kind === "invariant" ? model.invariantNames[stop.invariant]! : null;
    violation = { kind: stop.kind, name, trace: labelled, ...(counters ? { counters } : {}) };
  }
  return {
    spec: model.name,
    file: opts.file,
    verdict: violation ? "violation" : stop?.kind === "bounded" ? "bounded" : stop?.kind === "interrupted" ? "interrupted" : "ok",
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
  };
}
