// mutate(): mutation testing of a spec. Finds the mutants of the spec's own sources, checks the
// original (once plain, once with every site probed, to learn which sites run), then every
// reached mutant as `mc check` would, in parallel child processes with deterministic budgets and
// a wall-clock safety net, and classifies each. Returns data; src/cli prints it.

import { availableParallelism } from "node:os";
import { relative, resolve } from "node:path";
import { McError } from "../result/errors.js";
import type { ConstOverrides } from "../model/constants.js";
import { findMutants, instrument, withLoopFuel, type Mutant, type Operator } from "./operators.js";
import { runPool } from "./pool.js";
import type { CheckOutcome, CheckTask } from "./protocol.js";
import { Mirrors, specSources } from "./sources.js";

export type MutantStatus = "killed" | "survived" | "equivalent" | "timeout" | "budget" | "crashed" | "not-reached" | "oracle" | "invalid";

export interface MutantResult {
  readonly id: number;
  /** Relative to the project root. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly operator: Operator;
  readonly diff: string;
  readonly status: MutantStatus;
  /** killed: the invariant or property that failed ("deadlock" for a deadlock), or the error code. */
  readonly killedBy?: string;
  /** budget: which one stopped it ("states", "successors", "loop", "heap"); timeout, crashed: what happened. */
  readonly stoppedBy?: string;
  readonly steps?: number;
  readonly ms?: number;
}

export interface MutationReport {
  readonly spec: string;
  readonly file: string;
  readonly constants: ConstOverrides;
  readonly deadlock: boolean;
  readonly original: { readonly distinct: number; readonly generated: number; readonly ms: number };
  readonly budget: { readonly maxStates: number; readonly maxGenerated: number; readonly timeoutMs: number };
  readonly files: readonly string[];
  readonly counts: { readonly [k in MutantStatus]: number } & { readonly total: number };
  /** killed / (killed + survived + timeout + budget + crashed); null when no mutant counts. */
  readonly score: number | null;
  readonly mutants: readonly MutantResult[];
  readonly ms: number;
}

export interface MutateOptions {
  readonly constants?: ConstOverrides;
  readonly deadlock?: boolean;
  /** Mutants checked at once, each in its own child process. */
  readonly jobs?: number;
  /** The per-mutant wall-clock safety net; default 100 × the original's search time, at least 60 s. */
  readonly timeoutMs?: number;
  /** Per-mutant state budget; default 10 × the original's distinct states, at least 10,000. */
  readonly maxStates?: number;
  /** Per-mutant successor budget; default 10 × the original's generated states, at least 100,000. */
  readonly maxGenerated?: number;
  /** Heap limit of each mutant's child process, MiB (default 1536): past it, "over budget". */
  readonly heapMiB?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const STATUSES: readonly MutantStatus[] = ["killed", "survived", "equivalent", "timeout", "budget", "crashed", "not-reached", "oracle", "invalid"];
/** Heap of each mutant's child process, MiB: a mutant whose states outgrow it is over budget. */
const MUTANT_HEAP_MIB = 1536;

export async function mutate(specFile: string, o: MutateOptions = {}): Promise<MutationReport> {
  const started = performance.now();
  const src = specSources(specFile);
  const { mutants, sites, loops } = findMutants(src.program, src.mutable);
  if (mutants.length === 0) throw new McError("MC062", `${specFile}: nothing to mutate: the spec reaches no source of its own (${src.mutable.map((f) => relative(src.root, f)).join(", ") || "none"}) with an operator mc knows.`);
  const mirrors = new Mirrors(src);
  try {
    const constants = o.constants ?? {};
    const deadlock = o.deadlock ?? true;
    const jobs = o.jobs ?? Math.max(1, availableParallelism());
    const task = (id: number, contents: ReadonlyMap<string, string>, extra: Partial<CheckTask> = {}): CheckTask => ({ id, file: mirrors.make(specFile, contents), constants, deadlock, maxStates: Infinity, maxGenerated: Infinity, probe: false, ...extra });
    const probed = new Map(src.mutable.map((f) => [f, instrument(src.text.get(f)!, f, sites)]));
    const [orig, probe] = await runPool([task(-1, new Map()), task(-2, probed, { probe: true })], { jobs: 2, timeoutMs: Math.max(o.timeoutMs ?? 0, 600_000), heapMiB: 4096 });
    for (const r of [orig!, probe!]) {
      if (r.verdict === "error" || r.verdict === "crashed" || r.verdict === "heap" || r.verdict === "timeout") throw new McError("MC063", `${specFile}: the ${r === orig ? "original" : "probed original"} spec did not check: ${r.error?.code ?? r.verdict}: ${r.error?.message ?? ""}`);
    }
    if (orig!.verdict !== "ok") {
      const why = orig!.violation ? `${orig!.violation.kind} ${orig!.violation.name ?? "deadlock"} is violated after ${orig!.violation.steps} steps` : `it is ${orig!.verdict}`;
      throw new McError("MC061", `${specFile}: the original spec does not pass at these constants (${why}); mutation testing asks whether the checks would notice a wrong protocol, so it needs a spec that holds. Run it on a passing variant or other --const values.`);
    }
    if (probe!.distinct !== orig!.distinct || probe!.generated !== orig!.generated) throw new McError("MC063", `${specFile}: the probed original explored ${probe!.distinct}/${probe!.generated} states against ${orig!.distinct}/${orig!.generated}: the probes changed the spec.`);
    const hit = new Set(probe!.hits);
    const oracle = new Set(probe!.oracleHits);
    // The budgets that decide "over budget" count states and successors, not time, so a verdict
    // does not depend on the machine's speed or load; the wall clock is only the safety net for a
    // mutant that hangs where no budget reaches (docs/mutate.md, "Budgets").
    const maxStates = o.maxStates ?? Math.max(10_000, 10 * orig!.distinct);
    const maxGenerated = o.maxGenerated ?? Math.max(100_000, 10 * orig!.generated);
    const timeoutMs = o.timeoutMs ?? Math.max(60_000, 100 * (orig!.checkMs ?? orig!.ms));
    const run = mutants.filter((m) => hit.has(m.site));
    const tasks = run.map((m) => task(m.id, new Map([[m.file, withLoopFuel(src.text.get(m.file)!, m, loops)]]), { maxStates, maxGenerated }));
    let done = 0;
    const outcomes = await runPool(tasks, { jobs, timeoutMs, heapMiB: o.heapMiB ?? MUTANT_HEAP_MIB }, () => o.onProgress?.(++done, tasks.length));
    const byId = new Map(outcomes.map((r) => [r.id, r]));
    const results = mutants.map((m): MutantResult => {
      const base = { id: m.id, file: relative(src.root, m.file), line: m.line, column: m.column, operator: m.operator, diff: m.diff };
      const r = byId.get(m.id);
      if (!r) return { ...base, status: oracle.has(m.site) ? "oracle" : "not-reached" };
      return { ...base, ...classify(r, orig!), ms: Math.round(r.ms) };
    });
    const counts = Object.fromEntries(STATUSES.map((s) => [s, results.filter((r) => r.status === s).length])) as { [k in MutantStatus]: number };
    const valid = counts.killed + counts.survived + counts.timeout + counts.budget + counts.crashed;
    return {
      spec: specFile,
      file: relative(src.root, resolve(specFile)),
      constants,
      deadlock,
      original: { distinct: orig!.distinct, generated: orig!.generated, ms: Math.round(orig!.ms) },
      budget: { maxStates, maxGenerated, timeoutMs: Math.round(timeoutMs) },
      files: src.mutable.map((f) => relative(src.root, f)),
      counts: { ...counts, total: mutants.length },
      score: valid === 0 ? null : counts.killed / valid,
      mutants: results,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    mirrors.dispose();
  }
}

function classify(r: CheckOutcome, orig: CheckOutcome): Pick<MutantResult, "status" | "killedBy" | "stoppedBy" | "steps"> {
  switch (r.verdict) {
    case "violation":
      return { status: "killed", killedBy: r.violation!.name ?? "deadlock", steps: r.violation!.steps };
    case "error":
      // a mutant that no longer loads is no test of the checks (Stryker's CompileError)
      if (r.error!.code === "MC002" || r.error!.code === "MC004" || r.error!.code === "MC005") return { status: "invalid", killedBy: r.error!.code };
      return { status: "killed", killedBy: r.error!.code };
    case "timeout":
      return { status: "timeout", stoppedBy: "wall clock" };
    case "bounded":
      return { status: "budget", stoppedBy: r.budget ?? "states" };
    case "heap":
      return { status: "budget", stoppedBy: "heap" };
    case "crashed":
      return { status: "crashed", stoppedBy: r.error?.message ?? "crashed" };
    case "ok": {
      // mc check warns when an action is never enabled or a leadsTo is vacuous: a mutant that
      // only removes behaviour is caught there (its verdict stays ok, but mc check says so)
      const known = new Set((orig.warnings ?? []).map(warningKey));
      const fresh = (r.warnings ?? []).find((w) => !known.has(warningKey(w)));
      if (fresh !== undefined) return { status: "killed", killedBy: `warning: ${fresh.replace(/ in any of the [\d,]+ reachable states/, "").replace(/ \(.*$/, "").replace(/\.$/, "")}` };
      // the same states and the same state-changing steps; self-loops (stutters) may differ
      return r.distinct === orig.distinct && r.digest === orig.digest ? { status: "equivalent" } : { status: "survived" };
    }
  }
}

/** A warning without its numbers: "never enabled in any of the 233 reachable states" is one warning. */
const warningKey = (w: string): string => w.replace(/[\d,]+/g, "#");

export type { Mutant };
