// `npm run bench`: devpriv (shared/bench/devpriv.md) through the naive BFS baseline and mc with 1
// and 2 workers, for the tuned spec (specs/devpriv.ts) and the plainly written one
// (specs/devpriv-plain.ts). Every run is a whole `node bin/mc.js check ...` process as a user
// starts it, type check ON, after one warm-up run per spec (so the type-check cache is warm, as
// on any second run of an unchanged spec). P=4 T=8 runs three times interleaved (medians); P=5
// T=8 once, with peak RSS. Every count is checked exactly. Then the startup ratio of a small spec
// (type check on, second run, vs --no-typecheck), and the cost of a temporal property on
// specs/fsdax.ts (bench/liveness.ts), the symmetry benchmarks (bench/symmetry.ts), and two workers
// against one (bench/workers.ts; alone: --only workers). Prints markdown and writes bench/RESULTS.md.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { measure, method } from "./measure.ts";
import { median, runOne, startupRatio, type Row, type Runner } from "./runs.ts";
import { table, targets } from "./report.ts";
import { livenessCost } from "./liveness.ts";
import { symmetryCost } from "./symmetry.ts";
import { workersEfficiency } from "./workers.ts";
import { writeFileAtomic } from "../src/cli/write-file-atomic.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ALL: Runner[] = ["naive", "tuned1", "tuned2", "plain1", "plain2"];
/** --only may also name "liveness": the fsdax temporal-property cost (bench/liveness.ts); and
 * "workers": two workers against one (bench/workers.ts). */
type Part = Runner | "liveness" | "symmetry" | "workers";
const PARTS: Part[] = [...ALL, "liveness", "symmetry", "workers"];

function parseArgs(argv: readonly string[]): { quick: boolean; only: Part[]; repeat: number | undefined; startup: boolean } {
  let quick = false;
  let startup = true;
  let repeat: number | undefined;
  let only = PARTS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--no-startup") startup = false;
    else if (a === "--repeat") {
      repeat = Number(argv[++i]);
      if (!Number.isInteger(repeat) || repeat < 1) usage("--repeat needs a whole number of at least 1");
    } else if (a === "--only" || a.startsWith("--only=")) {
      const list = (a === "--only" ? argv[++i] ?? "" : a.slice(7)).split(",").filter(Boolean);
      const bad = list.filter((r) => !PARTS.includes(r as Part));
      if (bad.length || !list.length) usage(`--only ${list.join(",")}: expected a comma list of ${PARTS.join(", ")}`);
      only = list as Part[];
    } else usage(`unknown argument ${a}`);
  }
  return { quick, only, repeat, startup };
}

function usage(msg: string): never {
  process.stderr.write(`bench: ${msg}\nusage: npm run bench -- [--quick] [--only ${PARTS.join(",")}] [--repeat N] [--no-startup]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const { quick, only, repeat, startup } = parseArgs(args);
const runners = only.filter((p): p is Runner => p !== "liveness" && p !== "symmetry" && p !== "workers");

// Warm-up: one small run of each spec with the type check on fills the cache, as a user's first run does.
for (const spec of runners.length ? ["specs/devpriv.ts", "specs/devpriv-plain.ts"] : []) {
  process.stderr.write(`bench: warm-up (type check, cache) ${spec} ... `);
  const m = await measure([process.execPath, "bin/mc.js", "check", spec, "--json"], ROOT);
  process.stderr.write(`${m.wallS.toFixed(2)} s, exit ${m.code}\n`);
}

const rows: Row[] = [];
for (const [P, T] of runners.length ? (quick ? [[3, 6], [4, 8]] : [[4, 8], [5, 8]]) : []) {
  const runs = new Map<Runner, Row[]>(runners.map((r) => [r, []]));
  const times = repeat ?? (P! >= 5 ? 1 : 3);
  for (let i = 0; i < times; i++) for (const runner of runners) runs.get(runner)!.push(await runOne(ROOT, P!, T!, runner));
  for (const runner of runners) rows.push(median(runs.get(runner)!));
}
const start = startup ? await startupRatio(ROOT) : undefined;
const live = only.includes("liveness") ? await livenessCost(ROOT, repeat ?? 3) : undefined;
const sym = only.includes("symmetry") ? await symmetryCost(ROOT, repeat ?? 3, quick) : undefined;
const par = only.includes("workers") ? await workersEfficiency(ROOT, repeat ?? 3, quick) : undefined;

const report =
  `${rows.length ? `${table(rows)}\n\n` : ""}${start ? `${start.text}\n\n` : ""}Targets:\n${targets(rows, start?.ratio)}\n` +
  (live ? `\n${live.section.trimEnd()}\n` : "") +
  (sym ? `\n${sym.section.trimEnd()}\n` : "") +
  (par ? `\n${par.section.trimEnd()}\n` : "");
process.stdout.write(`\n${report}`);
let nproc = String(availableParallelism());
try {
  nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
} catch {}
const command = ["node --import tsx bench/run.ts", ...args].join(" ");
const header =
  `# devpriv benchmark results\n\n${new Date().toISOString()}, node ${process.version}, nproc ${nproc}; measured with ${method}; ` +
  `each row is the median of its repeats (peak RSS: the highest). Every mc run is \`node bin/mc.js check <spec> --json ...\` with ` +
  `the type check on, after a warm-up run of each spec (the type-check cache is warm, as on a second run of an unchanged spec).\n` +
  `Command: \`${command}\`\n\n`;
// The hand-written notes (from "## Notes" on) survive a new run; the numbers above them do not.
const resultsPath = `${ROOT}bench/RESULTS.md`;
const old = existsSync(resultsPath) ? readFileSync(resultsPath, "utf8") : "";
const notes = old.includes("\n## Notes") ? old.slice(old.indexOf("\n## Notes")) : "";
writeFileAtomic(resultsPath, header + report + notes);

// Wrong counts fail the run, and so does a run that could not finish.
const bad = rows.filter((r) => r.error || !r.countsOk);
if (bad.length) {
  process.stderr.write(`bench: ${bad.length} run(s) failed or had wrong counts: ${bad.map((r) => `P=${r.P} T=${r.T} ${r.runner}`).join(", ")}\n`);
  process.exitCode = 1;
}
if (live && !live.pass) {
  process.stderr.write("bench: the liveness cost target failed (see the section above)\n");
  process.exitCode = 1;
}
