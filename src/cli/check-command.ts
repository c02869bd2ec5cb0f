// `mc check <spec>`: type-check and load the spec, run the checker with a progress listener,
// and print the result as text or as one JSON object.

import { check } from "../explore/check.js";
import { parseConstFlags } from "../model/constants.js";
import { McError } from "../result/errors.js";
import { errorJson, toJson } from "../report/json.js";
import { progressLine } from "../report/progress.js";
import { styleFor } from "../report/style.js";
import { formatResult, header } from "../report/text.js";
import { formatCoverage } from "../report/coverage.js";
import { loadSpec, requireFile } from "../model/load-spec.js";
import { availableParallelism } from "node:os";
import { resolveOptions, type CheckOptions } from "../explore/options.js";
import type { CheckResult } from "../result/result.js";
import { prewarmWorkers, releasePrewarmed } from "../explore/parallel/spawn-worker.js";
import { BackgroundTypecheck } from "./background-typecheck.js";
import { EXIT, fail, type Io } from "./main.js";
import { checkOutputNames, writeOutputs } from "./output-flags.js";
import { catchInterrupts, INTERRUPT_EXIT, type Interrupt } from "./interrupt.js";
import { launchLocal, type LaunchArgs } from "./cluster-launch.js";

export interface CheckArgs {
  readonly spec: string;
  readonly strategy: string;
  readonly deadlock: boolean;
  readonly json: boolean;
  readonly consts: readonly string[];
  readonly workers: string;
  readonly maxStates: number | undefined;
  readonly maxDepth: number | undefined;
  readonly memory: number | undefined;
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly typecheck: boolean;
  /** --trace FILE: the counterexample (or report) in the format FILE's name says. */
  readonly trace?: string | undefined;
  /** --emit-test FILE.test.ts: a vitest test asserting what this run found. */
  readonly emitTest?: string | undefined;
  readonly coverage?: boolean;
  /** --no-symmetry: false. */
  readonly symmetry?: boolean;
  /** --cluster URL --nodes N: the check runs on N local worker processes (cluster-launch.ts). */
  readonly cluster?: LaunchArgs;
}

export async function runCheck(a: CheckArgs, io: Io): Promise<number> {
  if (a.cluster !== undefined) {
    try {
      return await launchLocal(a, a.cluster, io);
    } catch (e) {
      return fail(e, io);
    }
  }
  const interrupt = catchInterrupts();
  try {
    return await checkOnce(a, io, interrupt);
  } catch (e) {
    if (a.json && e instanceof McError) io.out(JSON.stringify(errorJson(a.spec, e.code, e.message)) + "\n");
    return fail(e, io);
  } finally {
    interrupt.release();
    releasePrewarmed();
  }
}

async function checkOnce(a: CheckArgs, io: Io, interrupt: Interrupt): Promise<number> {
  // Cheap checks first: a bad flag should not wait for the type checker.
  requireFile(a.spec);
  const workers = parseWorkers(a.workers);
  const constants = parseConstFlags(a.consts);
  const options = { strategy: a.strategy, deadlock: a.deadlock, constants, workers, maxStates: a.maxStates, maxDepth: a.maxDepth, memoryMiB: a.memory, file: a.spec, coverage: a.coverage ?? false, invariants: a.invariants, properties: a.properties, symmetry: a.symmetry ?? true };
  resolveOptions(options, 1);
  checkOutputNames(a);
  // Worker threads start loading tsx and the spec now, beside this thread's own loading (the
  // pool takes them over; runCheck's finally ends any left unused).
  const threads = workers === "auto" ? availableParallelism() : workers;
  if (threads > 1) prewarmWorkers(a.spec, threads - 1);
  // The type check runs beside the search, in its own process (or not at all when the cache
  // says the spec passed unchanged); no verdict is printed before it has passed.
  const tc = a.typecheck ? new BackgroundTypecheck([a.spec]) : undefined;
  let result;
  try {
    result = await search(a, { ...options, signal: interrupt.signal }, io, tc);
    if (result.verdict !== "interrupted") await tc?.done();
  } catch (e) {
    // A spec with type errors often fails to load or run too: the type error is the one to show,
    // except a malformed definition (MC005), which names the field and the form that was meant in
    // words a first draft's type error does not (`terminal: (s) => ...` for a named table).
    const typeError = await tc?.done().then(
      () => undefined,
      (te: unknown) => te,
    );
    if (typeError instanceof McError && !(e instanceof McError && e.code === "MC005")) throw typeError;
    throw e;
  } finally {
    tc?.dispose();
  }
  const style = styleFor(io.tty && !a.json);
  io.out(a.json ? JSON.stringify(toJson(result)) + "\n" : formatResult(result, style) + (result.coverage ? formatCoverage(result.coverage, style) : ""));
  if (result.verdict === "interrupted") return INTERRUPT_EXIT[interrupt.caught ?? "SIGINT"];
  writeOutputs(a, result, options, io);
  return result.verdict === "ok" ? EXIT.ok : result.verdict === "violation" ? EXIT.violation : EXIT.bounded;
}

/** Loads the spec and runs the checker, polling the type check at every progress report. */
async function search(a: CheckArgs, options: CheckOptions, io: Io, tc: BackgroundTypecheck | undefined): Promise<CheckResult> {
  const spec = await loadSpec(a.spec);
  return check(spec, options, {
    onStart: (info) => {
      if (!a.json) io.out(header({ ...info, file: a.spec, deadlock: a.deadlock }));
    },
    onProgress: (p) => {
      tc?.poll(); // a type error found meanwhile ends a long search early
      io.err(progressLine(p) + "\n");
    },
    onWarning: (w) => io.err(`mc: warning: ${w}\n`),
  });
}

function parseWorkers(w: string): number | "auto" {
  if (w === "auto") return "auto";
  if (!/^\d+$/.test(w) || Number(w) < 1) throw new McError("MC023", `--workers ${w}: expected a whole number of at least 1, or auto.`);
  return Number(w);
}
