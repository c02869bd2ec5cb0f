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
import { resolveOptions } from "../explore/options.js";
import { prewarmWorkers, releasePrewarmed } from "../explore/parallel/worker-pool.js";
import { EXIT, fail, type Io } from "./main.js";
import { checkOutputNames, writeOutputs } from "./output-flags.js";
import { catchInterrupts, INTERRUPT_EXIT, type Interrupt } from "./interrupt.js";

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
}

export async function runCheck(a: CheckArgs, io: Io): Promise<number> {
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
  const options = { strategy: a.strategy, deadlock: a.deadlock, constants, workers, maxStates: a.maxStates, maxDepth: a.maxDepth, memoryMiB: a.memory, file: a.spec, coverage: a.coverage ?? false, invariants: a.invariants, properties: a.properties };
  resolveOptions(options, 1);
  checkOutputNames(a);
  // The compiler is 10 MB of JavaScript: load it only when it is used.
  if (a.typecheck) (await import("./typecheck.js")).typecheck([a.spec]);
  const spec = await loadSpec(a.spec);
  const style = styleFor(io.tty && !a.json);
  const result = await check(
    spec,
    { ...options, signal: interrupt.signal },
    {
      onStart: (info) => {
        if (!a.json) io.out(header({ ...info, file: a.spec, deadlock: a.deadlock }));
      },
      onProgress: (p) => io.err(progressLine(p) + "\n"),
    },
  );
  io.out(a.json ? JSON.stringify(toJson(result)) + "\n" : formatResult(result, style) + (result.coverage ? formatCoverage(result.coverage, style) : ""));
  if (result.verdict === "interrupted") return INTERRUPT_EXIT[interrupt.caught ?? "SIGINT"];
  writeOutputs(a, result, options, io);
  return result.verdict === "ok" ? EXIT.ok : result.verdict === "violation" ? EXIT.violation : EXIT.bounded;
}

function parseWorkers(w: string): number | "auto" {
  if (w === "auto") return "auto";
  if (!/^\d+$/.test(w) || Number(w) < 1) throw new McError("MC023", `--workers ${w}: expected a whole number of at least 1, or auto.`);
  return Number(w);
}
