// `mc regress`: re-checks every spec under specs/ against its recorded result in results/ and
// fails on any difference; `--update` re-records them. A result file keeps, per configuration
// (the flags used), the verdict, counts, depth and, for a violation, the invariant and trace.

import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { check } from "../explore/check.js";
import { isSpec } from "../model/compile.js";
import { McError } from "../result/errors.js";
import type { CheckResult, Ledger } from "../result/result.js";
import { plain } from "../report/json.js";
import { thousands } from "../report/style.js";
import { renderJunit, type JunitCase } from "../report/junit.js";
import { loadSpec } from "../model/load-spec.js";
import { BackgroundTypecheck } from "./background-typecheck.js";
import { EXIT, type Io } from "./main.js";
import { parseRunFlags } from "./run-flags.js";
import { catchInterrupts, INTERRUPT_EXIT } from "./interrupt.js";
import { writeFileAtomic, writeOutputFile } from "./write-file-atomic.js";

export interface RegressArgs {
  readonly update: boolean;
  readonly resultsDir: string;
  readonly specsDir?: string;
  readonly only: string | undefined;
  /** Re-check with this many workers: results must not depend on it. */
  readonly workers?: number;
  /** Also write the outcome as JUnit XML to this file. */
  readonly junit?: string;
  /** Also re-check the configurations recorded as long (minutes each); by default they are skipped. */
  readonly long?: boolean;
}

/** What is recorded for one configuration of one spec. */
export interface Recorded {
  readonly flags: readonly string[];
  readonly verdict: CheckResult["verdict"];
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly depth: number;
  readonly violation?: {
    readonly kind: string;
    readonly name: string | null;
    readonly traceLength: number;
    readonly actions: readonly string[];
    /** Every state of the trace in toJS form: "the same trace" means the same states too. */
    readonly states: readonly unknown[];
    /** A lasso's loop index and closing action (kind "liveness"). */
    readonly loop?: number;
    readonly loopAction?: string | null;
    /** The holder ledger's verdict (a spec with counters): whose reference, at which step. */
    readonly ledger?: { readonly culprit: Ledger["culprit"]; readonly sentence: string };
  };
  /** A spec with state constraints: the states outside each (the result holds only within them). */
  readonly constrained?: { readonly [constraint: string]: number };
  /**
   * Set by hand on a configuration that takes minutes (a grown kernel spec): `mc regress` and CI
   * skip it, `mc regress --long` re-checks it. Re-recording keeps the mark.
   */
  readonly long?: true;
}

interface ResultFile {
  readonly spec: string;
  readonly runs: readonly Recorded[];
}

export async function runRegress(a: RegressArgs, io: Io): Promise<number> {
  const interrupt = catchInterrupts();
  try {
    return await regress(a, io, interrupt);
  } finally {
    interrupt.release();
  }
}

async function regress(a: RegressArgs, io: Io, interrupt: ReturnType<typeof catchInterrupts>): Promise<number> {
  const specsDir = a.specsDir ?? "specs";
  const files = await specFiles(specsDir, a.only);
  if (files.length === 0) throw new McError("MC020", `mc regress: no spec files under ${specsDir}/${a.only ? ` matching '${a.only}'` : ""}.`);
  // Type-checked beside the runs (only the specs that changed since they last passed).
  const tc = new BackgroundTypecheck(files);
  try {
    return await regressAll(a, io, specsDir, files, tc, interrupt);
  } catch (e) {
    await tc.done().catch((te: unknown) => {
      if (te instanceof McError) throw te;
    });
    throw e;
  } finally {
    tc.dispose();
  }
}

async function regressAll(
  a: RegressArgs,
  io: Io,
  specsDir: string,
  files: readonly string[],
  tc: BackgroundTypecheck,
  interrupt: ReturnType<typeof catchInterrupts>,
): Promise<number> {
  const rows: string[][] = [["spec", "flags", "expected", "got", "states", "time", ""]];
  let drift = 0;
  const cases: JunitCase[] = [];
  for (const file of files) {
    const resultPath = join(a.resultsDir, relative(specsDir, file).replace(/\.ts$/, ".json"));
    const recorded = readResult(resultPath);
    const configs: readonly Pick<Recorded, "flags" | "long">[] = recorded?.runs ?? [{ flags: [] }];
    const spec = await loadSpec(file);
    const runs: Recorded[] = [];
    for (const config of configs) {
      const flags = config.flags;
      if (config.long === true && a.long !== true) {
        // Kept as recorded (with --update too): nothing about it was checked.
        runs.push(config as Recorded);
        rows.push([file, flags.join(" ") || "-", "long", "-", "-", "-", "skipped (mc regress --long)"]);
        continue;
      }
      const started = performance.now();
      const run = parseRunFlags(flags, resultPath);
      // --workers applies to BFS configurations; DFS is sequential by nature
      const workers = a.workers !== undefined && run.strategy !== "dfs" ? { workers: a.workers } : {};
      const r = await check(spec, { ...run, file, ...workers, signal: interrupt.signal });
      if (r.verdict === "interrupted" || interrupt.caught !== undefined) {
        // Nothing of this spec file is written: a result file holds every configuration or none.
        io.out(table(rows));
        io.out(`\nmc regress: interrupted (${interrupt.caught ?? "SIGINT"}) while checking ${file}; ${a.update ? `its result file was not written` : "nothing was compared past it"}.\n`);
        return INTERRUPT_EXIT[interrupt.caught ?? "SIGINT"];
      }
      const got = { ...record(flags, r), ...(config.long === true ? { long: true as const } : {}) };
      runs.push(got);
      // an entry with flags only (a configuration added by hand) has no result yet
      const want = recorded?.runs.find((x) => x.flags.join(" ") === flags.join(" ") && x.verdict !== undefined);
      // The long mark is where the hand put it in the file: compared apart from the key order.
      const same = want !== undefined && want.long === got.long && JSON.stringify({ ...want, long: undefined }) === JSON.stringify({ ...got, long: undefined });
      if (!same && !a.update) drift++;
      const status = a.update ? (same ? "unchanged" : want ? "RE-RECORDED" : "recorded") : same ? "ok" : want ? "DIFFERS" : "NO RESULT";
      const seconds = (performance.now() - started) / 1000;
      rows.push([file, flags.join(" ") || "-", want ? summary(want) : "-", summary(got), thousands(r.distinctStates), `${seconds.toFixed(2)}s`, status]);
      const message = want ? `${file}: expected ${summary(want)}, got ${summary(got)}` : `${file}: no recorded result for this configuration`;
      cases.push({ name: [file, ...flags].join(" "), classname: file, seconds, ...(same || a.update ? {} : { failure: { message, text: difference(want, got) } }) });
    }
    tc.poll();
    if (a.update) writeResult(resultPath, { spec: file, runs });
  }
  await tc.done(); // a spec with type errors gets no verdict, and is never recorded
  io.out(table(rows));
  if (a.junit !== undefined) writeOutputFile(a.junit, renderJunit("mc regress", cases));
  if (a.update) {
    io.out(`\nmc regress: recorded ${files.length} spec files in ${a.resultsDir}/.\n`);
    return EXIT.ok;
  }
  const skipped = rows.filter((r) => r[2] === "long").length;
  const matched = `all ${rows.length - 1 - skipped} results match${skipped > 0 ? ` (${skipped} long one(s) skipped: mc regress --long)` : ""}`;
  io.out(drift === 0 ? `\nmc regress: ${matched}.\n` : `\nmc regress: ${drift} result(s) differ from ${a.resultsDir}/. Fix the change, or re-record deliberately with mc regress --update and say why in the commit.\n`);
  return drift === 0 ? EXIT.ok : EXIT.violation;
}

function record(flags: readonly string[], r: CheckResult): Recorded {
  const v = r.violation;
  return {
    flags,
    verdict: r.verdict,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    ...(v
      ? {
          violation: {
            kind: v.kind,
            name: v.name,
            traceLength: v.trace.length,
            actions: v.trace.slice(1).map((t) => t.action!),
            states: v.trace.map((t) => plain(t.state)),
            ...(v.loop !== undefined ? { loop: v.loop, loopAction: v.loopAction ?? null } : {}),
            ...(v.ledger ? { ledger: { culprit: v.ledger.culprit, sentence: v.ledger.sentence } } : {}),
          },
        }
      : {}),
    ...(r.constrained ? { constrained: r.constrained } : {}),
  };
}

/** What differs between the recorded and the new result, one field per line. */
function difference(want: Recorded | undefined, got: Recorded): string {
  if (!want) return `No recorded result. Got: ${summary(got)}. Record it with mc regress --update.`;
  const out: string[] = [];
  for (const k of ["verdict", "distinctStates", "generatedStates", "depth"] as const) {
    if (want[k] !== got[k]) out.push(`${k}: recorded ${want[k]}, now ${got[k]}`);
  }
  const wv = want.violation;
  const gv = got.violation;
  if (wv && gv) {
    if (wv.name !== gv.name || wv.kind !== gv.kind) out.push(`violation: recorded ${wv.kind} ${wv.name ?? ""}, now ${gv.kind} ${gv.name ?? ""}`);
    if (wv.actions.join(" ") !== gv.actions.join(" ")) out.push(`trace actions: recorded ${wv.actions.join(" ")}, now ${gv.actions.join(" ")}`);
    const i = wv.states.findIndex((s, j) => JSON.stringify(s) !== JSON.stringify(gv.states[j]));
    if (i >= 0) out.push(`trace state ${i}: recorded ${JSON.stringify(wv.states[i])}, now ${JSON.stringify(gv.states[i])}`);
    if (JSON.stringify(wv.ledger) !== JSON.stringify(gv.ledger)) out.push(`holder ledger: recorded ${wv.ledger?.sentence ?? "none"}, now ${gv.ledger?.sentence ?? "none"}`);
  } else if (wv || gv) out.push(`violation: recorded ${wv ? `${wv.name ?? "deadlock"}` : "none"}, now ${gv ? `${gv.name ?? "deadlock"}` : "none"}`);
  return out.join("\n") || "The recorded result differs in a field mc does not compare by name.";
}

function summary(r: Recorded): string {
  if (r.verdict !== "violation") return `${r.verdict} ${r.distinctStates}/${r.generatedStates}/${r.depth}`;
  const v = r.violation!;
  return `${v.name ?? "deadlock"} in ${v.traceLength - 1}${v.loop !== undefined ? ` (loop at ${v.loop})` : ""}`;
}

/** Every .ts file under `dir` whose default export is a spec; helper modules are skipped. */
async function specFiles(dir: string, only: string | undefined): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const all = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f))
    .filter((f) => only === undefined || f.includes(only))
    .sort();
  const out: string[] = [];
  for (const f of all) {
    const mod = (await import(pathToFileURL(resolve(f)).href).catch(() => ({ default: "unloadable" }))) as { default?: unknown };
    if (mod.default === undefined) continue;
    if (!isSpec(mod.default)) await loadSpec(f); // throws the precise MC002/MC004 for it
    out.push(f);
  }
  return out;
}

function readResult(path: string): ResultFile | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as ResultFile;
    if (!Array.isArray(r.runs) || !r.runs.every((x) => Array.isArray(x.flags))) throw new Error("no `runs` array of { flags, ... }");
    return r;
  } catch (e) {
    throw new McError("MC040", `${path}: not a valid result file (${e instanceof Error ? e.message : String(e)}). Re-record it with mc regress --update.`);
  }
}

/** Written whole or not at all (see write-file-atomic.ts). */
function writeResult(path: string, r: ResultFile): void {
  try {
    writeFileAtomic(path, JSON.stringify(r, null, 2) + "\n");
  } catch (e) {
    throw new McError("MC041", `${path}: cannot write the result (${e instanceof Error ? e.message : String(e)}).`);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n") + "\n";
}
