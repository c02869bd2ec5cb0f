// The command line: parses argv with yargs, runs a command, and maps the outcome to an exit
// code (0 ok, 1 violation, 2 usage or spec error, 3 bounded and incomplete, 130/143 interrupted by
// SIGINT/SIGTERM, see interrupt.ts). The only module that touches argv, stdout, stderr and exit
// codes.

import yargs from "yargs";
import { ERROR_CODES, McError, describeThrown } from "../result/errors.js";
import { runCheck } from "./check-command.js";
import { runRegress } from "./regress-command.js";
import { outputFlags } from "./output-flags.js";
import { replayCommand, runReplay } from "./replay-command.js";
import { graphCommand, runGraph } from "./graph-command.js";
import { runSimulate, simulateFlags } from "./simulate-command.js";
import { ownUsage } from "./usage-message.js";
import { runValidate, validateCommand } from "./validate-command.js";
import { clusterCommand, clusterFlags, runClusterUp, runClusterWorker } from "./cluster-command.js";
import { mutateFlags, runMutate } from "./mutate-command.js";
import { runMutateRegress } from "./mutate-regress.js";

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  readonly tty: boolean;
}

export const EXIT = { ok: 0, violation: 1, error: 2, bounded: 3 } as const;

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let usage: string | undefined;
  // the command to run, started only once the whole command line has parsed cleanly
  let outcome: (() => Promise<number>) | undefined;
  const parser = yargs([...argv])
    .scriptName("mc")
    .usage("$0 <command> [options]")
    .command(
      "check <spec>",
      "explore every reachable state of a spec and check its invariants and properties",
      (y) =>
        y
          .positional("spec", { type: "string", describe: "the spec file (.ts)", demandOption: true })
          .option("strategy", { type: "string", default: "bfs", describe: "bfs (shortest traces) or dfs" })
          .option("deadlock", { type: "boolean", default: true, describe: "report states with no enabled action (--no-deadlock to allow them)" })
          .option("json", { type: "boolean", default: false, describe: "print one JSON object on stdout" })
          .option("const", { type: "string", array: true, default: [] as string[], describe: "override a constant: NAME=VALUE (repeatable)" })
          .option("workers", { type: "string", default: "1", describe: "worker threads, or auto for one per core" })
          .option("max-states", { type: "number", describe: "stop after N distinct states (result: bounded)" })
          .option("max-depth", { type: "number", describe: "do not expand states at depth N (result: bounded)" })
          .option("memory", { type: "number", describe: "memory budget in MiB (default: 80% of the machine)" })
          .option("invariant", { type: "string", array: true, default: [] as string[], describe: "check only this invariant (repeatable; with --property, only those named)" })
          .option("property", { type: "string", array: true, default: [] as string[], describe: "check only this temporal or action property (repeatable)" })
          .option("typecheck", { type: "boolean", default: true, describe: "type-check the spec first (--no-typecheck to skip)" })
          .option("coverage", { type: "boolean", default: false, describe: "per action: states enabled in, successors, new states; per invariant: states checked" })
          .option("symmetry", { type: "boolean", default: true, describe: "explore one state per orbit of the spec's declared symmetry (--no-symmetry: every state)" })
          .options(outputFlags)
          .option("cluster", { type: "string", describe: "check on --nodes local worker processes over the NATS server at this URL (docs/cluster.md)" })
          .options(clusterFlags),
      (a) => {
        if (typeof a.spec !== "string" || a.spec === "") {
          usage = "mc check needs a spec file: mc check <spec.ts>.";
          return;
        }
        outcome = () => runCheck(
          {
            spec: a.spec!,
            strategy: a.strategy,
            deadlock: a.deadlock,
            json: a.json,
            consts: a.const.map(String),
            workers: a.workers,
            maxStates: a["max-states"],
            maxDepth: a["max-depth"],
            memory: a.memory,
            invariants: a.invariant.map(String),
            properties: a.property.map(String),
            typecheck: a.typecheck,
            trace: a.trace,
            emitTest: a["emit-test"],
            coverage: a.coverage,
            symmetry: a.symmetry,
            ...(a.cluster !== undefined
              ? { cluster: { url: a.cluster, nodes: a.nodes ?? NaN, run: a.run, checkpointDir: a["checkpoint-dir"], checkpoints: a.checkpoints, passThrough: clusterPassThrough(a) } }
              : {}),
          },
          io,
        );
      },
    )
    .command(
      "regress",
      "re-check every spec against its recorded result in results/",
      (y) =>
        y
          .option("update", { type: "boolean", default: false, describe: "re-record results/ from the current checker and specs" })
          .option("results", { type: "string", default: "results", describe: "the results folder" })
          .option("specs", { type: "string", default: "specs", describe: "the folder of spec files" })
          .option("only", { type: "string", describe: "only specs whose path contains this text" })
          .option("workers", { type: "number", describe: "re-check with N workers (results must not depend on it)" })
          .option("junit", { type: "string", describe: "also write the outcome as JUnit XML to FILE" })
          .option("long", { type: "boolean", default: false, describe: "also re-check the configurations recorded as long (minutes each), which are skipped otherwise" })
          .option("mutate", { type: "boolean", default: false, describe: "re-check the mutation scores in results/mutate/ instead (slow; with --update, re-record them)" }),
      (a) => {
        if (a.mutate) {
          outcome = () => runMutateRegress({ resultsDir: a.results, update: a.update, only: a.only, ...(a.workers ? { jobs: a.workers } : {}) }, io);
          return;
        }
        outcome = () => runRegress({ update: a.update, resultsDir: a.results, specsDir: a.specs, only: a.only, ...(a.workers ? { workers: a.workers } : {}), ...(a.junit ? { junit: a.junit } : {}), long: a.long }, io);
      },
    )
    .command("simulate <spec>", "random walks through a spec too big to explore; checks invariants and action properties on the way", simulateFlags, (a) => {
      outcome = () => runSimulate({ spec: a.spec!, seed: a.seed, depth: a.depth, runs: a.runs, time: a.time, deadlock: a.deadlock, json: a.json, consts: a.const.map(String), typecheck: a.typecheck, invariants: a.invariant.map(String), properties: a.property.map(String), symmetry: a.symmetry }, io);
    });
  parser.command("mutate <spec>", "mutation testing: would the spec's invariants and properties notice a wrong protocol?", (y) => y.positional("spec", { type: "string", demandOption: true }).options(mutateFlags), (a) => {
    outcome = () => runMutate({ spec: a.spec!, consts: a.const.map(String), deadlock: a.deadlock, json: a.json, html: a.html, jobs: a.jobs, timeout: a.timeout, maxStates: a["max-states"], record: a.record }, io);
  });
  replayCommand(parser, (a) => (outcome = () => runReplay(a, io)));
  graphCommand(parser, (a) => (outcome = () => runGraph(a, io)));
  validateCommand(parser, (a) => (outcome = () => runValidate(a, io)));
  clusterCommand(parser, (a) => (outcome = () => (a.worker ? runClusterWorker(a.worker, io) : runClusterUp(a, io))));
  parser
    .demandCommand(1, "Name a command: mc check <spec.ts>, mc simulate <spec.ts>, mc replay <spec.ts> <trace>, mc graph <spec.ts> or mc regress.")
    .strict()
    .help()
    .version("0.1.0")
    .exitProcess(false)
    .fail((msg, err) => {
      usage = msg ?? (err ? describeThrown(err) : "bad usage");
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    usage ??= describeThrown(e);
  }
  if (usage !== undefined) return fail(new McError("MC020", `${ownUsage(usage, argv)} Run \`mc --help\` for the commands and flags.`), io);
  if (outcome === undefined) return EXIT.ok; // --help or --version
  try {
    return await outcome();
  } catch (e) {
    return fail(e, io);
  }
}

/** Reports an error as one paragraph on stderr; internal errors say so, without our stack. */
export function fail(e: unknown, io: Io): number {
  if (e instanceof McError) {
    io.err(`mc: error ${e.code} (${ERROR_CODES[e.code]}):\n  ${e.message}\n`);
  } else {
    io.err(`mc: internal error (a bug in mc, please report it): ${describeThrown(e)}\n`);
    if (process.env["MC_DEBUG"] && e instanceof Error) io.err(`${e.stack}\n`);
  }
  return EXIT.error;
}

/** The worker flags `mc check --cluster` hands on to its worker processes, those not at their defaults. */
function clusterPassThrough(a: { "join-timeout": number; "peer-timeout": number; "connect-timeout": number; "cluster-stats": boolean }): string[] {
  const out: string[] = [];
  for (const f of ["join-timeout", "peer-timeout", "connect-timeout"] as const) if (a[f] !== clusterFlags[f].default) out.push(`--${f}`, String(a[f]));
  return a["cluster-stats"] ? [...out, "--cluster-stats"] : out;
}
