// `mc validate <spec> <log>`: checks a kernel page_ref log (ftrace text or ndjson) against a
// spec. Exit 0: some behaviour explains every event; 1: the first event none explains is named;
// 2: bad input (unreadable log, a line that is no trace line, a spec with no event mapping).

import type { Argv } from "yargs";
import { initHash } from "../fingerprint/hash.js";
import { compile } from "../model/compile.js";
import { parseConstFlags } from "../model/constants.js";
import { loadSpec, requireFile } from "../model/load-spec.js";
import { McError } from "../result/errors.js";
import type { CheckResult } from "../result/result.js";
import { errorJson } from "../report/json.js";
import { styleFor } from "../report/style.js";
import { traceFormat } from "../report/trace-file.js";
import { formatValidate, validateJson } from "../report/validate-text.js";
import { validateLog, type LogFormat, type ValidateResult } from "../validate/validate.js";
import { EXIT, fail, type Io } from "./main.js";
import { writeOutputFile } from "./write-file-atomic.js";

export interface ValidateArgs {
  readonly spec: string;
  readonly log: string;
  readonly consts: readonly string[];
  readonly json: boolean;
  readonly format: string | undefined;
  readonly maxHidden: number | undefined;
  readonly trace: string | undefined;
  readonly typecheck: boolean;
  readonly anyStart: boolean;
}

export function validateCommand(y: Argv, run: (a: ValidateArgs) => void): Argv {
  return y.command(
    "validate <spec> <log>",
    "check a kernel page_ref trace log (ftrace text or ndjson) against a spec: is every event explained by a behaviour?",
    (c) =>
      c
        .positional("spec", { type: "string", demandOption: true, describe: "the spec file (.ts)" })
        .positional("log", { type: "string", demandOption: true, describe: "the log: /sys/kernel/tracing/trace or trace_pipe text, trace-cmd report, or ndjson" })
        .option("const", { type: "string", array: true, default: [] as string[], describe: "override a constant: NAME=VALUE (repeatable)" })
        .option("json", { type: "boolean", default: false, describe: "print one JSON object on stdout" })
        .option("format", { type: "string", describe: "ftrace or ndjson (default: from the first line)" })
        .option("max-hidden", { type: "number", describe: "at most K steps that log nothing between two events (default: unbounded)" })
        .option("any-start", { type: "boolean", default: false, describe: "the log may start in any reachable state of the spec (captured mid-behaviour), not only an initial one" })
        .option("trace", { type: "string", describe: "write the behaviour explaining the longest explained prefix to FILE (*.itf.json, *.json, *.html)" })
        .option("typecheck", { type: "boolean", default: true, describe: "type-check the spec first (--no-typecheck to skip)" }),
    (a) => {
      run({
        spec: String(a.spec),
        log: String(a.log),
        consts: (a.const as string[]).map(String),
        json: a.json as boolean,
        format: a.format as string | undefined,
        maxHidden: a["max-hidden"] as number | undefined,
        trace: a.trace as string | undefined,
        typecheck: a.typecheck as boolean,
        anyStart: a["any-start"] as boolean,
      });
    },
  );
}

export async function runValidate(a: ValidateArgs, io: Io): Promise<number> {
  try {
    return await validateOnce(a, io);
  } catch (e) {
    if (a.json && e instanceof McError) io.out(JSON.stringify(errorJson(a.spec, e.code, e.message)) + "\n");
    return fail(e, io);
  }
}

async function validateOnce(a: ValidateArgs, io: Io): Promise<number> {
  requireFile(a.spec);
  if (a.format !== undefined && a.format !== "ftrace" && a.format !== "ndjson") {
    throw new McError("MC059", `--format ${a.format}: expected ftrace (kernel trace text, trace_pipe or trace-cmd report) or ndjson (one JSON object per line).`);
  }
  if (a.maxHidden !== undefined && !(Number.isInteger(a.maxHidden) && a.maxHidden >= 0)) {
    throw new McError("MC059", `--max-hidden ${a.maxHidden}: expected a whole number of steps, 0 or more (0: every step between two events logs one).`);
  }
  if (a.trace !== undefined) traceFormat(a.trace);
  const flags = parseConstFlags(a.consts);
  if (a.typecheck) (await import("./typecheck.js")).typecheck([a.spec]);
  const spec = await loadSpec(a.spec);
  await initHash();
  const model = compile(spec, flags, a.spec);
  if (!a.json) {
    const consts = Object.entries(model.constants).map(([k, v]) => `${k}=${String(v)}`).join(" ");
    io.err(`mc: validating ${a.log} against ${model.name} (${a.spec})${consts ? `, constants ${consts}` : ""}\n`);
  }
  const r = validateLog(model, a.log, {
    ...(a.format !== undefined ? { format: a.format as LogFormat } : {}),
    ...(a.maxHidden !== undefined ? { maxHidden: a.maxHidden } : {}),
    trace: a.trace !== undefined,
    anyStart: a.anyStart,
  });
  if (a.trace !== undefined) writeTrace(a.trace, r, model.constants, io);
  io.out(a.json ? JSON.stringify(validateJson(r)) + "\n" : formatValidate(r, styleFor(io.tty)));
  return r.verdict === "fits" ? EXIT.ok : EXIT.violation;
}

/** The explained prefix's behaviour through mc check's trace writers (ITF, mc JSON, HTML). */
function writeTrace(file: string, r: ValidateResult, constants: CheckResult["constants"], io: Io): void {
  const steps = r.trace ?? [];
  const result: CheckResult = {
    spec: r.spec,
    file: r.file,
    verdict: "violation",
    distinctStates: r.statesConsidered,
    generatedStates: r.statesConsidered,
    depth: steps.length,
    violation: { kind: "action", name: `validate: ${r.explained} event${r.explained === 1 ? "" : "s"} of ${r.log} explained${r.misfit ? `, event ${r.misfit.event} (line ${r.misfit.line}) not` : ""}`, trace: steps },
    strategy: "bfs",
    workers: 1,
    constants,
    durationMs: r.durationMs,
    collisionProbability: 0,
    storeBytes: 0,
    headline:
      r.verdict === "fits"
        ? `✓ mc validate: the trace fits; this behaviour of ${r.spec} explains all ${r.explained} events of ${r.log}.`
        : `✗ mc validate: the longest explained prefix, ${r.explained} events of ${r.log}; event ${r.misfit!.event} (line ${r.misfit!.line}) is explained by no behaviour.`,
  };
  const format = traceFormat(file);
  const text = format.render(result);
  if (text !== undefined) writeOutputFile(file, text);
  io.err(`mc: wrote the behaviour explaining the ${r.verdict === "fits" ? "whole log" : "longest explained prefix"} (${steps.length - 1} steps) as ${format.name.replace("counterexample as ", "")} to ${file}\n`);
}
