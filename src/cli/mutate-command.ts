// `mc mutate <spec>`: mutation testing of a spec (src/mutate/). Prints the score and the
// survivors, or one JSON object; --html FILE writes the report page; --record writes the
// scores to results/mutate/ for `mc regress --mutate`.

import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import type { Options } from "yargs";
import { parseConstFlags } from "../model/constants.js";
import { requireFile } from "../model/load-spec.js";
import { McError } from "../result/errors.js";
import type { MutationReport } from "../mutate/mutate.js";
import { formatMutation } from "../report/mutate-text.js";
import { renderMutationHtml } from "../report/mutate-html.js";
import { styleFor } from "../report/style.js";
import { EXIT, fail, type Io } from "./main.js";
import { exitOnInterrupt } from "./interrupt.js";
import { writeFileAtomic, writeOutputFile } from "./write-file-atomic.js";
import { recordOf } from "./mutate-regress.js";

export const mutateFlags = {
  const: { type: "string", array: true, default: [] as string[], describe: "override a constant: NAME=VALUE (repeatable)" },
  deadlock: { type: "boolean", default: true, describe: "report states with no enabled action (--no-deadlock to allow them)" },
  json: { type: "boolean", default: false, describe: "print one JSON object on stdout" },
  html: { type: "string", describe: "write the report as one HTML page to FILE" },
  jobs: { type: "number", describe: "mutants checked at once, each in its own child process (default: one per core)" },
  timeout: { type: "number", describe: "wall-clock safety net: seconds a mutant may run before it is killed (default: 100 × the original's search, at least 60); the state, successor and loop budgets decide 'over budget'" },
  "max-states": { type: "number", describe: "distinct states a mutant may reach (default: 10 × the original, at least 10,000)" },
  record: { type: "boolean", default: false, describe: "also record the score in results/mutate/ for mc regress --mutate" },
} as const satisfies { [flag: string]: Options };

export interface MutateArgs {
  readonly spec: string;
  readonly consts: readonly string[];
  readonly deadlock: boolean;
  readonly json: boolean;
  readonly html?: string | undefined;
  readonly jobs?: number | undefined;
  readonly timeout?: number | undefined;
  readonly maxStates?: number | undefined;
  readonly record?: boolean;
}

export async function runMutate(a: MutateArgs, io: Io): Promise<number> {
  const release = exitOnInterrupt((line) => io.err(`mc mutate: ${line}`));
  try {
    requireFile(a.spec);
    const constants = parseConstFlags(a.consts);
    for (const [flag, v] of [["--jobs", a.jobs], ["--timeout", a.timeout], ["--max-states", a.maxStates]] as const) {
      if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new McError("MC023", `${flag} ${v}: expected a whole number of at least 1.`);
    }
    let last = 0;
    // Loaded here, not at start-up: the mutator brings the TypeScript compiler (~0.6 s, ~110 MiB),
    // which every other mc command would otherwise pay for.
    const { mutate } = await import("../mutate/mutate.js");
    const r = await mutate(a.spec, {
      constants,
      deadlock: a.deadlock,
      jobs: a.jobs ?? availableParallelism(),
      ...(a.timeout ? { timeoutMs: a.timeout * 1000 } : {}),
      ...(a.maxStates ? { maxStates: a.maxStates } : {}),
      onProgress: (done, total) => {
        if (performance.now() - last < 3000 && done !== total) return;
        last = performance.now();
        io.err(`mc mutate: ${done}/${total} mutants checked\n`);
      },
    });
    io.out(a.json ? JSON.stringify(r) + "\n" : formatMutation(r, styleFor(io.tty)));
    if (a.html !== undefined) writeOutputFile(a.html, renderMutationHtml(r));
    if (a.record) {
      const path = recordPath(a.spec);
      writeFileAtomic(path, JSON.stringify(recordOf(r, a.consts, a.deadlock), null, 2) + "\n");
      io.err(`mc mutate: recorded in ${path}\n`);
    }
    return EXIT.ok; // survivors are findings to read, not a failure; mc regress --mutate gates on the recorded ones
  } catch (e) {
    if (a.json && e instanceof McError) io.out(JSON.stringify({ spec: a.spec, error: { code: e.code, message: e.message } }) + "\n");
    return fail(e, io);
  } finally {
    release();
  }
}

/** results/mutate/<the spec's path under specs/>.json */
export function recordPath(spec: string, resultsDir = "results", specsDir = "specs"): string {
  return join(resultsDir, "mutate", relative(resolve(specsDir), resolve(spec)).replace(/\.ts$/, ".json"));
}

export type { MutationReport };
