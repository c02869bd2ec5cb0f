// `npm run bench`: devpriv (shared/bench/devpriv.md) through the naive BFS baseline and mc with 1
// and 2 workers, one child process after another so all share the machine's conditions, each run
// `--repeat` times interleaved (default 3 at P=4, once at P=5) and reported by its median wall
// time, as devpriv.md reports medians of 3. Checks the exact counts, prints a markdown table and
// the targets, and writes both to bench/RESULTS.md.

import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { livenessCost } from "./liveness.ts";
import { measure, method, type Measured } from "./measure.ts";

type Runner = "naive" | "mc1" | "mc2";
/** --only may also name "liveness": the fsdax temporal-property cost (bench/liveness.ts). */
type Part = Runner | "liveness";
interface Counts { distinct: number; generated: number; depth: number }
/** What a child prints last: the naive baseline's counts, or mc's --json result. */
interface Printed { distinct?: number; generated?: number; distinctStates?: number; generatedStates?: number; depth?: number; verdict?: string; error?: { code: string; message: string } }
interface Row { P: number; T: number; runner: Runner; m?: Measured; counts?: Counts; error?: string; countsOk: boolean }

const EXACT: Record<string, Counts> = {
  "3,6": { distinct: 6476, generated: 61057, depth: 11 },
  "4,8": { distinct: 693160, generated: 9320385, depth: 15 },
  "5,8": { distinct: 4354992, generated: 62261121, depth: 17 },
};
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const node = process.execPath;
const mc = (P: number, T: number, w: number) =>
  [node, "bin/mc.js", "check", "specs/devpriv.ts", "--json", "--no-typecheck", "--const", `P=${P}`, "--const", `T=${T}`, "--workers", `${w}`];
const COMMANDS: Record<Runner, (P: number, T: number) => string[]> = {
  naive: (P, T) => [node, "--import", "tsx", "bench/naive.ts", `${P}`, `${T}`],
  mc1: (P, T) => mc(P, T, 1),
  mc2: (P, T) => mc(P, T, 2),
};

function parseArgs(argv: readonly string[]): { quick: boolean; only: Part[]; repeat: number | undefined } {
  let quick = false;
  let repeat: number | undefined;
  let only: Part[] = ["naive", "mc1", "mc2", "liveness"];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--repeat") {
      repeat = Number(argv[++i]);
      if (!Number.isInteger(repeat) || repeat < 1) usage("--repeat needs a whole number of at least 1");
    }
    else if (a === "--only" || a.startsWith("--only=")) {
      const list = (a === "--only" ? argv[++i] ?? "" : a.slice(7)).split(",").filter(Boolean);
      const bad = list.filter((r) => !(r in COMMANDS) && r !== "liveness");
      if (bad.length || !list.length) usage(`--only ${list.join(",")}: expected a comma list of naive, mc1, mc2, liveness`);
      only = list as Part[];
    } else usage(`unknown argument ${a}`);
  }
  return { quick, only, repeat };
}

function usage(msg: string): never {
  process.stderr.write(`bench: ${msg}\nusage: npm run bench -- [--quick] [--only naive,mc1,mc2,liveness] [--repeat N]\n`);
  process.exit(2);
}

/** Runs one configuration; a child that fails becomes an n/a row carrying its error's first line. */
async function runOne(P: number, T: number, runner: Runner): Promise<Row> {
  process.stderr.write(`bench: P=${P} T=${T} ${runner} ... `);
  const m = await measure(COMMANDS[runner](P, T), ROOT);
  const line = m.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  let j: Printed = {};
  try {
    j = line ? (JSON.parse(line) as Printed) : {};
  } catch {
    // not JSON after all: reported below as a run with no result
  }
  const firstLine = (s: string) => s.trim().split("\n").find((l) => l.trim()) ?? "";
  const error =
    j.verdict === "error" ? `${j.error?.code}: ${firstLine(j.error?.message ?? "")}`
    : m.code !== 0 || !line ? firstLine(m.stderr) || `exit ${m.code ?? "by signal"} with no result`
    : j.verdict !== undefined && j.verdict !== "ok" ? `verdict ${j.verdict}`
    : undefined;
  const counts = error ? undefined : { distinct: j.distinct ?? j.distinctStates ?? NaN, generated: j.generated ?? j.generatedStates ?? NaN, depth: j.depth ?? NaN };
  const want = EXACT[`${P},${T}`]!;
  const countsOk = !!counts && counts.distinct === want.distinct && counts.generated === want.generated && counts.depth === want.depth;
  process.stderr.write(error ? `n/a (${error})\n` : `${m.wallS.toFixed(2)} s, ${m.peakMiB.toFixed(0)} MiB${countsOk ? "" : "  COUNT MISMATCH"}\n`);
  return { P, T, runner, m, counts, error, countsOk };
}

const fmt = (x: number, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: readonly Row[]): string {
  const out = ["| config | runner | wall s | states/s | peak RSS MiB | B/state | vs naive | counts |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"];
  for (const r of rows) {
    const cfg = `P=${r.P} T=${r.T}`;
    if (r.error || !r.m || !r.counts) {
      out.push(`| ${cfg} | ${r.runner} | n/a | | | | | n/a: ${r.error?.replaceAll("|", "\\|")} |`);
      continue;
    }
    const { wallS, peakMiB } = r.m;
    const naive = rows.find((n) => n.P === r.P && n.T === r.T && n.runner === "naive" && n.countsOk);
    const ratio = naive ? `${(naive.m!.wallS / wallS).toFixed(2)}×` : "—";
    const want = EXACT[`${r.P},${r.T}`]!;
    const c = r.counts;
    const ok = r.countsOk ? "OK" : `**MISMATCH** got ${c.distinct}/${c.generated}/${c.depth}, want ${want.distinct}/${want.generated}/${want.depth}`;
    out.push(`| ${cfg} | ${r.runner} | ${wallS.toFixed(2)} | ${fmt(c.distinct / wallS)} | ${fmt(peakMiB)} | ${fmt((peakMiB * 2 ** 20) / c.distinct)} | ${ratio} | ${ok} |`);
  }
  return out.join("\n");
}

/** The issue's targets; a run only counts if its counts were exact. */
function targets(rows: readonly Row[]): string {
  const get = (P: number, T: number, runner: Runner) => rows.find((r) => r.P === P && r.T === T && r.runner === runner && r.countsOk);
  const speedup = (runner: Runner) => {
    const n = get(4, 8, "naive"), r = get(4, 8, runner);
    return n && r ? n.m!.wallS / r.m!.wallS : undefined;
  };
  const s1 = speedup("mc1"), s2 = speedup("mc2"), rss = get(5, 8, "mc1")?.m!.peakMiB;
  const line = (v: number | undefined, pass: (v: number) => boolean, what: string, shown: string) =>
    `- ${v === undefined ? "NOT MEASURED" : pass(v) ? "PASS" : "FAIL"}: ${what}${v === undefined ? "" : ` (measured ${shown})`}`;
  return [
    line(s1, (v) => v >= 1.6, "P=4 T=8, 1 worker ≥ 1.6× faster than naive", `${s1?.toFixed(2)}×`),
    line(s2, (v) => v >= 2.8, "P=4 T=8, 2 workers ≥ 2.8× faster than naive", `${s2?.toFixed(2)}×`),
    line(rss, (v) => v < 400, "P=5 T=8, 1 worker peak RSS < 400 MiB", `${rss?.toFixed(0)} MiB`),
  ].join("\n");
}

const args = process.argv.slice(2);
const { quick, only, repeat } = parseArgs(args);
const rows: Row[] = [];
const runners = only.filter((r): r is Runner => r !== "liveness");
for (const [P, T] of runners.length === 0 ? [] : quick ? [[3, 6], [4, 8]] : [[4, 8], [5, 8]]) {
  const runs = new Map<Runner, Row[]>(runners.map((r) => [r, []]));
  const times = repeat ?? (P! >= 5 ? 1 : 3);
  for (let i = 0; i < times; i++) for (const runner of runners) runs.get(runner)!.push(await runOne(P!, T!, runner));
  for (const runner of runners) rows.push(median(runs.get(runner)!));
}
const live = only.includes("liveness") ? await livenessCost(ROOT, repeat ?? 3) : undefined;

/** The run of median wall time (a failed run counts as slowest), with the highest peak RSS seen. */
function median(runs: Row[]): Row {
  const wall = (r: Row) => (r.error || !r.m ? Infinity : r.m.wallS);
  const sorted = [...runs].sort((a, b) => wall(a) - wall(b));
  const mid = sorted[(sorted.length - 1) >> 1]!;
  const peak = Math.max(...runs.map((r) => r.m?.peakMiB ?? 0));
  return { ...mid, countsOk: runs.every((r) => r.countsOk), ...(mid.m ? { m: { ...mid.m, peakMiB: peak } } : {}) };
}

const report = (rows.length ? `${table(rows)}\n\nTargets:\n${targets(rows)}\n` : "") + (live ? `\n${live.section}` : "");
process.stdout.write(`\n${report}`);
let nproc = String(availableParallelism());
try {
  nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
} catch {}
const command = ["node --import tsx bench/run.ts", ...args].join(" ");
const header = `# devpriv benchmark results\n\n${new Date().toISOString()}, node ${process.version}, nproc ${nproc}; measured with ${method}; each row is the median of its repeats (peak RSS: the highest).\nCommand: \`${command}\`\n\n`;
// A partial run (--only) keeps the other part of the previous RESULTS.md: the devpriv table or
// the liveness section, whichever was not measured this time.
let previous = "";
try {
  previous = readFileSync(`${ROOT}bench/RESULTS.md`, "utf8");
} catch {}
const cut = previous.indexOf("## Liveness cost");
const oldDevpriv = cut >= 0 ? previous.slice(0, cut) : previous;
const oldLive = cut >= 0 ? previous.slice(cut) : "";
const body = rows.length ? header + report + (live ? "" : oldLive ? `\n${oldLive}` : "") : `${oldDevpriv.trimEnd()}\n\n${live?.section ?? ""}`;
const tmp = `${ROOT}bench/RESULTS.md.tmp`;
writeFileSync(tmp, body);
renameSync(tmp, `${ROOT}bench/RESULTS.md`);

// Wrong counts fail the run, and so does a run that could not finish.
const bad = rows.filter((r) => r.error || !r.countsOk);
if (live && !live.pass) {
  process.stderr.write("bench: the liveness cost target failed (see bench/RESULTS.md)\n");
  process.exitCode = 1;
}
if (bad.length) {
  process.stderr.write(`bench: ${bad.length} run(s) failed or had wrong counts: ${bad.map((r) => `P=${r.P} T=${r.T} ${r.runner}`).join(", ")}\n`);
  process.exitCode = 1;
}
