// `mc simulate <spec>`: random walks for state spaces too big to explore. Prints a violation's
// trace as `mc check` does (exit 1); without one the verdict is "bounded" (nothing is proved)
// and the exit code 0. --json gives mc check's object plus a `simulation` object.

import { randomInt } from "node:crypto";
import type { Argv } from "yargs";
import { simulate } from "../explore/simulate.js";
import { loadSpec, requireFile } from "../model/load-spec.js";
import { parseConstFlags } from "../model/constants.js";
import { McError } from "../result/errors.js";
import { errorJson, toJson } from "../report/json.js";
import { progressLine } from "../report/progress.js";
import { styleFor, thousands } from "../report/style.js";
import { formatResult } from "../report/text.js";
import { EXIT, fail, type Io } from "./main.js";

export interface SimulateArgs {
  readonly spec: string;
  readonly seed: number | undefined;
  readonly depth: number;
  readonly runs: number | undefined;
  readonly time: number | undefined;
  readonly deadlock: boolean;
  readonly json: boolean;
  readonly consts: readonly string[];
  readonly typecheck: boolean;
  readonly invariants?: readonly string[];
  readonly properties?: readonly string[];
  /** --no-symmetry: false (count every state, not one per orbit). */
  readonly symmetry?: boolean;
}

export const DEFAULT_RUNS = 1000;
export const DEFAULT_DEPTH = 100;

export function simulateFlags<T>(y: Argv<T>) {
  return y
    .positional("spec", { type: "string", describe: "the spec file (.ts)", demandOption: true })
    .option("seed", { type: "number", describe: "the random seed (default: a random one, printed); the same seed gives the same walks" })
    .option("depth", { type: "number", default: DEFAULT_DEPTH, describe: "steps per run at most" })
    .option("runs", { type: "number", describe: `runs to make (default ${DEFAULT_RUNS})` })
    .option("time", { type: "number", describe: "keep starting runs for S seconds (instead of --runs)" })
    .option("deadlock", { type: "boolean", default: true, describe: "report a state with no successor (--no-deadlock to end the run there instead)" })
    .option("json", { type: "boolean", default: false, describe: "print one JSON object on stdout" })
    .option("const", { type: "string", array: true, default: [] as string[], describe: "override a constant: NAME=VALUE (repeatable)" })
    .option("typecheck", { type: "boolean", default: true, describe: "type-check the spec first (--no-typecheck to skip)" })
    .option("invariant", { type: "string", array: true, default: [] as string[], describe: "check only this invariant (repeatable; with --property, only those named)" })
    .option("property", { type: "string", array: true, default: [] as string[], describe: "check only this action property (repeatable)" })
    .option("symmetry", { type: "boolean", default: true, describe: "count one state per orbit of the spec's declared symmetry (--no-symmetry: every state; the walks are the same)" });
}

export async function runSimulate(a: SimulateArgs, io: Io): Promise<number> {
  try {
    return await simulateOnce(a, io);
  } catch (e) {
    if (a.json && e instanceof McError) io.out(JSON.stringify(errorJson(a.spec, e.code, e.message)) + "\n");
    return fail(e, io);
  }
}

async function simulateOnce(a: SimulateArgs, io: Io): Promise<number> {
  requireFile(a.spec);
  if (a.runs !== undefined && a.time !== undefined) {
    throw new McError("MC020", `mc simulate ${a.spec}: give --runs or --time, not both (--runs K makes K walks; --time S walks for S seconds).`);
  }
  const seed = a.seed ?? randomInt(2 ** 31);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new McError("MC023", `--seed ${a.seed}: expected a whole number from 0 to 4294967295.`);
  const runs = a.runs ?? DEFAULT_RUNS;
  wholeAtLeast1("--depth", a.depth);
  wholeAtLeast1("--runs", runs);
  if (a.time !== undefined && !(a.time > 0 && Number.isFinite(a.time))) throw new McError("MC023", `--time ${a.time}: expected a number of seconds above 0.`);
  const constants = parseConstFlags(a.consts);
  if (a.typecheck) (await import("./typecheck.js")).typecheck([a.spec]);
  const spec = await loadSpec(a.spec);
  const style = styleFor(io.tty && !a.json);
  const result = await simulate(
    spec,
    { seed, depth: a.depth, runs, ...(a.time !== undefined ? { timeMs: a.time * 1000 } : {}), deadlock: a.deadlock, constants, file: a.spec, invariants: a.invariants ?? [], properties: a.properties ?? [], symmetry: a.symmetry ?? true },
    {
      onStart: (info) => {
        if (a.json) return;
        const consts = Object.entries(info.constants).map(([k, v]) => `${k}=${String(v)}`);
        const budget = a.time !== undefined ? `for ${a.time} s` : `${thousands(runs)} runs`;
        io.out(
          `mc: simulating ${info.spec} (${a.spec})\n` +
            `  seed ${seed}, ${budget} of at most ${a.depth} steps, deadlock ${a.deadlock ? "checked" : "not checked"}` +
            (consts.length ? `, constants ${consts.join(" ")}` : "") +
            "\n",
        );
      },
      onProgress: (p) => io.err(progressLine(p) + "\n"),
    },
  );
  if (a.json) {
    io.out(JSON.stringify({ ...toJson(result), simulation: result.simulation }) + "\n");
  } else {
    const secs = result.durationMs / 1000;
    const s = result.simulation;
    io.out(
      formatResult(result, style) +
        `  simulated   ${thousands(s.runs)} run${s.runs === 1 ? "" : "s"}, ${thousands(s.steps)} steps, ${thousands(secs > 0 ? result.generatedStates / secs : 0)} states/s\n` +
        `  reproduce   mc simulate ${[a.spec, "--seed", seed, "--depth", a.depth, "--runs", s.runs, ...(a.deadlock ? [] : ["--no-deadlock"]), ...(a.symmetry === false ? ["--no-symmetry"] : []), ...(a.invariants ?? []).flatMap((n) => ["--invariant", n]), ...(a.properties ?? []).flatMap((n) => ["--property", n]), ...a.consts.flatMap((c) => ["--const", c])].join(" ")}\n`,
    );
  }
  return result.verdict === "violation" ? EXIT.violation : EXIT.ok;
}

function wholeAtLeast1(flag: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new McError("MC023", `${flag} ${v}: expected a whole number of at least 1.`);
}
