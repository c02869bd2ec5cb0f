// The output files of `mc check`: --trace FILE (format by name: src/report/trace-file.ts) and
// --emit-test FILE.test.ts. Their names are checked before the search runs; the files are
// written after it, whole or not at all, with a note on stderr (stdout may be --json's).

import type { Options } from "yargs";
import { McError } from "../result/errors.js";
import type { CheckResult } from "../result/result.js";
import { renderTest } from "../report/emit-test.js";
import { traceFormat } from "../report/trace-file.js";
import { writeOutputFile } from "./write-file-atomic.js";
import type { Io } from "./main.js";

export const outputFlags = {
  trace: { type: "string", describe: "write the counterexample to FILE: *.itf.json (ITF), *.json (mc's trace)" },
  "emit-test": { type: "string", describe: "write a vitest test asserting what this run found to FILE.test.ts" },
} as const satisfies { [flag: string]: Options };

export function checkOutputNames(a: { readonly trace?: string | undefined; readonly emitTest?: string | undefined }): void {
  if (a.trace !== undefined) traceFormat(a.trace);
  if (a.emitTest !== undefined && !/\.(test|spec)\.[cm]?[jt]s$/.test(a.emitTest)) {
    throw new McError("MC042", `--emit-test ${a.emitTest}: name the file *.test.ts, so vitest finds it.`);
  }
}

export function writeOutputs(
  a: { readonly trace?: string | undefined; readonly emitTest?: string | undefined },
  r: CheckResult,
  options: { readonly strategy: string; readonly deadlock: boolean; readonly maxStates: number | undefined; readonly maxDepth: number | undefined },
  io: Io,
): void {
  if (a.trace !== undefined) {
    const format = traceFormat(a.trace);
    const text = format.render(r);
    if (text !== undefined) writeOutputFile(a.trace, text);
    io.err(text !== undefined ? `mc: wrote the ${format.name} to ${a.trace}\n` : `mc: no counterexample, so ${a.trace} was not written\n`);
  }
  if (a.emitTest !== undefined) {
    const test = renderTest(r, a.emitTest, {
      options: {
        ...(options.strategy !== "bfs" ? { strategy: options.strategy } : {}),
        ...(options.deadlock ? {} : { deadlock: false }),
        ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
        ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      },
    });
    if (test === undefined) io.err(`mc: the run is ${r.verdict}, not a verdict to assert, so ${a.emitTest} was not written\n`);
    else {
      writeOutputFile(a.emitTest, test);
      io.err(`mc: wrote a vitest test of this result to ${a.emitTest}\n`);
    }
  }
}
