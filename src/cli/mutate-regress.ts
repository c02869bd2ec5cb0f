// `mc regress --mutate`: re-runs `mc mutate` for every score recorded in results/mutate/ and
// fails when the counts or the list of surviving mutants changed (an invariant weakened, or a
// spec edited); `--update` re-records them all, the one command after a change to the specs.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MutationReport } from "../mutate/mutate.js";
import { parseConstFlags } from "../model/constants.js";
import { McError } from "../result/errors.js";
import { scoreText } from "../report/mutate-text.js";
import { EXIT, type Io } from "./main.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** What results/mutate/ keeps of one run: enough to see which mutant changed its verdict. */
export interface MutationRecord {
  readonly spec: string;
  readonly consts: readonly string[];
  readonly deadlock: boolean;
  readonly original: { readonly distinct: number; readonly generated: number };
  readonly score: string;
  readonly counts: MutationReport["counts"];
  /** `file:line operator diff` of each survivor, then of each mutant over budget or timed out. */
  readonly survivors: readonly string[];
  readonly overBudget: readonly string[];
}

export function recordOf(r: MutationReport, consts: readonly string[], deadlock: boolean): MutationRecord {
  const line = (m: MutationReport["mutants"][number]): string => `${m.file}:${m.line} ${m.operator} ${m.diff}`;
  return {
    spec: r.spec,
    consts,
    deadlock,
    original: { distinct: r.original.distinct, generated: r.original.generated },
    score: scoreText(r),
    counts: r.counts,
    survivors: r.mutants.filter((m) => m.status === "survived").map(line),
    overBudget: r.mutants.filter((m) => m.status === "timeout" || m.status === "budget").map(line),
  };
}

export interface MutateRegressArgs {
  readonly resultsDir: string;
  readonly update: boolean;
  readonly only: string | undefined;
  readonly jobs?: number;
}

export async function runMutateRegress(a: MutateRegressArgs, io: Io): Promise<number> {
  const dir = join(a.resultsDir, "mutate");
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json")).map((f) => join(dir, f)).filter((f) => a.only === undefined || f.includes(a.only)).sort()
    : [];
  if (files.length === 0) throw new McError("MC020", `mc regress --mutate: no recorded scores under ${dir}/${a.only ? ` matching '${a.only}'` : ""}. Record one with mc mutate <spec> --record.`);
  let drift = 0;
  for (const file of files) {
    const want = read(file);
    const started = performance.now();
    const { mutate } = await import("../mutate/mutate.js"); // the TypeScript compiler: only when asked for
    const r = await mutate(want.spec, { constants: parseConstFlags(want.consts), deadlock: want.deadlock, ...(a.jobs ? { threads: a.jobs } : {}) });
    const got = recordOf(r, want.consts, want.deadlock);
    const diff = differences(want, got);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (a.update) {
      writeFileAtomic(file, JSON.stringify(got, null, 2) + "\n");
      io.out(`${want.spec}  ${got.score}  ${diff.length ? "RE-RECORDED" : "unchanged"}  ${secs}s\n`);
    } else {
      if (diff.length) drift++;
      io.out(`${want.spec}  ${got.score}  ${diff.length ? "DIFFERS" : "ok"}  ${secs}s\n${diff.map((d) => `    ${d}\n`).join("")}`);
    }
  }
  if (a.update) io.out(`\nmc regress --mutate: recorded ${files.length} scores in ${dir}/.\n`);
  else io.out(drift === 0 ? `\nmc regress --mutate: all ${files.length} scores match.\n` : `\nmc regress --mutate: ${drift} score(s) differ from ${dir}/. Fix the change, or re-record deliberately with mc regress --mutate --update and say why in the commit.\n`);
  return drift === 0 || a.update ? EXIT.ok : EXIT.violation;
}

function differences(want: MutationRecord, got: MutationRecord): string[] {
  const out: string[] = [];
  if (want.score !== got.score) out.push(`score: recorded ${want.score}, now ${got.score}`);
  // A mutant stopped by the time limit on one machine may stop at the state budget on a faster
  // one: both mean "undecided within the budget", so regress compares them as one count.
  const undecided = (c: MutationRecord["counts"]): number => c.timeout + c.budget;
  for (const k of Object.keys(got.counts) as (keyof MutationRecord["counts"])[]) {
    if (k === "timeout" || k === "budget") continue;
    if (want.counts[k] !== got.counts[k]) out.push(`${k}: recorded ${want.counts[k]}, now ${got.counts[k]}`);
  }
  if (undecided(want.counts) !== undecided(got.counts)) out.push(`timeout + budget: recorded ${undecided(want.counts)}, now ${undecided(got.counts)}`);
  for (const s of got.survivors) if (!want.survivors.includes(s)) out.push(`new survivor: ${s}`);
  for (const s of want.survivors) if (!got.survivors.includes(s)) out.push(`no longer survives: ${s}`);
  return out;
}

function read(path: string): MutationRecord {
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as MutationRecord;
    if (typeof r.spec !== "string" || !Array.isArray(r.consts) || !Array.isArray(r.survivors)) throw new Error("no spec, consts and survivors");
    return r;
  } catch (e) {
    throw new McError("MC040", `${path}: not a valid mutation score file (${e instanceof Error ? e.message : String(e)}). Re-record it with mc mutate <spec> --record.`);
  }
}
