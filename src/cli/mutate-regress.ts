// `mc regress --mutate`: re-runs `mc mutate` for every score recorded in results/mutate/ and
// fails when the counts or the list of surviving mutants changed (an invariant weakened, or a
// spec edited); `--update` re-records them all, the one command after a change to the specs.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MutantStatus, MutationReport } from "../mutate/mutate.js";
import { parseConstFlags } from "../model/constants.js";
import { McError } from "../result/errors.js";
import { scoreText } from "../report/mutate-text.js";
import { EXIT, type Io } from "./main.js";
import { exitOnInterrupt } from "./interrupt.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** What results/mutate/ keeps of one run: enough to see which mutant changed its verdict. */
export interface MutationRecord {
  readonly spec: string;
  readonly consts: readonly string[];
  readonly deadlock: boolean;
  readonly original: { readonly distinct: number; readonly generated: number };
  readonly score: string;
  readonly counts: MutationReport["counts"];
  /** One letter per mutant, in mutant order (VERDICT_LETTER): regress compares mutant by mutant. */
  readonly verdicts: string;
  /** `file:line operator diff` of each survivor, then of each mutant over budget, timed out or crashed. */
  readonly survivors: readonly string[];
  readonly overBudget: readonly string[];
}

const VERDICT_LETTER: { readonly [k in MutantStatus]: string } = { killed: "K", survived: "S", equivalent: "E", timeout: "T", budget: "B", crashed: "C", "not-reached": "N", oracle: "O", invalid: "I" };
const LETTER_VERDICT = new Map(Object.entries(VERDICT_LETTER).map(([k, v]) => [v, k]));
/** Undecided within the budgets: a mutant over budget here may be stopped by the clock elsewhere. */
const UNDECIDED = new Set(["T", "B"]);

const lineOf = (m: MutationReport["mutants"][number]): string => `${m.file}:${m.line} ${m.operator} ${m.diff}`;

export function recordOf(r: MutationReport, consts: readonly string[], deadlock: boolean): MutationRecord {
  return {
    spec: r.spec,
    consts,
    deadlock,
    original: { distinct: r.original.distinct, generated: r.original.generated },
    score: scoreText(r),
    counts: r.counts,
    verdicts: r.mutants.map((m) => VERDICT_LETTER[m.status]).join(""),
    survivors: r.mutants.filter((m) => m.status === "survived").map(lineOf),
    overBudget: r.mutants.filter((m) => m.status === "timeout" || m.status === "budget" || m.status === "crashed").map(lineOf),
  };
}

export interface MutateRegressArgs {
  readonly resultsDir: string;
  readonly update: boolean;
  readonly only: string | undefined;
  readonly jobs?: number;
}

export async function runMutateRegress(a: MutateRegressArgs, io: Io): Promise<number> {
  const release = exitOnInterrupt((line) => io.err(`mc regress --mutate: ${line}`));
  try {
    return await regressScores(a, io);
  } finally {
    release();
  }
}

async function regressScores(a: MutateRegressArgs, io: Io): Promise<number> {
  const dir = join(a.resultsDir, "mutate");
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json")).map((f) => join(dir, f)).filter((f) => a.only === undefined || f.includes(a.only)).sort()
    : [];
  if (files.length === 0) throw new McError("MC020", `mc regress --mutate: no recorded scores under ${dir}/${a.only ? ` matching '${a.only}'` : ""}. Record one with mc mutate <spec> --record.`);
  let drift = 0;
  for (const file of files) {
    const want = read(file, !a.update);
    const started = performance.now();
    const { mutate } = await import("../mutate/mutate.js"); // the TypeScript compiler: only when asked for
    const r = await mutate(want.spec, { constants: parseConstFlags(want.consts), deadlock: want.deadlock, ...(a.jobs ? { jobs: a.jobs } : {}) });
    const got = recordOf(r, want.consts, want.deadlock);
    const { diff, clock } = differences(want, got, r);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const notes = clock.map((d) => `    wall clock (safety net, not a mismatch): ${d}\n`).join("");
    if (a.update) {
      writeFileAtomic(file, JSON.stringify(got, null, 2) + "\n");
      io.out(`${want.spec}  ${got.score}  ${diff.length ? "RE-RECORDED" : "unchanged"}  ${secs}s\n${notes}`);
    } else {
      if (diff.length) drift++;
      io.out(`${want.spec}  ${got.score}  ${diff.length ? "DIFFERS" : "ok"}  ${secs}s\n${diff.map((d) => `    ${d}\n`).join("")}${notes}`);
    }
  }
  if (a.update) io.out(`\nmc regress --mutate: recorded ${files.length} scores in ${dir}/.\n`);
  else io.out(drift === 0 ? `\nmc regress --mutate: all ${files.length} scores match.\n` : `\nmc regress --mutate: ${drift} score(s) differ from ${dir}/. Fix the change, or re-record deliberately with mc regress --mutate --update and say why in the commit.\n`);
  return drift === 0 || a.update ? EXIT.ok : EXIT.violation;
}

/**
 * What changed, mutant by mutant. A mutant over budget and one stopped by the wall clock are the
 * same verdict, "undecided within the budgets": which of the two stops a runaway mutant may
 * depend on the machine, so such a change is a note (`clock`), not a mismatch. The clock
 * stopping a mutant the record decided (killed, survived, equivalent) is a mismatch, named as such.
 */
function differences(want: MutationRecord, got: MutationRecord, r: MutationReport): { diff: string[]; clock: string[] } {
  const diff: string[] = [];
  const clock: string[] = [];
  const name = (v: string): string => LETTER_VERDICT.get(v) ?? v;
  if (typeof want.verdicts !== "string" || want.verdicts.length !== got.verdicts.length) {
    diff.push(`mutants: recorded ${want.verdicts?.length ?? "no verdicts"}, now ${got.verdicts.length} (re-record)`);
  } else {
    r.mutants.forEach((m, i) => {
      const [w, g] = [want.verdicts[i]!, got.verdicts[i]!];
      if (w === g) return;
      if (UNDECIDED.has(w) && UNDECIDED.has(g)) {
        if (g === "T") clock.push(`${lineOf(m)} (recorded ${name(w)}, ${m.ms ?? "?"} ms here)`);
        return;
      }
      if (g === "T") diff.push(`stopped by the wall clock here, recorded ${name(w)}: ${lineOf(m)} (a much slower machine, or a change that made it run away)`);
      else if (g === "S") diff.push(`new survivor (recorded ${name(w)}): ${lineOf(m)}`);
      else if (w === "S") diff.push(`no longer survives (now ${name(g)}): ${lineOf(m)}`);
      else diff.push(`${name(w)} → ${name(g)}: ${lineOf(m)}`);
    });
    return { diff, clock };
  }
  for (const s of got.survivors) if (!want.survivors.includes(s)) diff.push(`new survivor: ${s}`);
  for (const s of want.survivors) if (!got.survivors.includes(s)) diff.push(`no longer survives: ${s}`);
  return { diff, clock };
}

/** A record; one from before per-mutant verdicts is accepted only to be re-recorded (--update). */
function read(path: string, needVerdicts: boolean): MutationRecord {
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as MutationRecord;
    if (typeof r.spec !== "string" || !Array.isArray(r.consts) || !Array.isArray(r.survivors)) throw new Error("no spec, consts and survivors");
    if (needVerdicts && typeof r.verdicts !== "string") throw new Error("no per-mutant verdicts: recorded before mc mutate kept them");
    return r;
  } catch (e) {
    throw new McError("MC040", `${path}: not a valid mutation score file (${e instanceof Error ? e.message : String(e)}). Re-record it with mc mutate <spec> --record.`);
  }
}
