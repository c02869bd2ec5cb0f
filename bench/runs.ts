// One benchmark run as a child process (naive baseline or mc on the tuned or plain devpriv), its
// counts checked against devpriv.md's exact sizes; the median of repeats; the small-spec startup
// ratio (type check on, cache warm, against --no-typecheck).

import { measure, type Measured } from "./measure.ts";

export type Runner = "naive" | "tuned1" | "tuned2" | "plain1" | "plain2";
export interface Counts { distinct: number; generated: number; depth: number }
/** What a child prints last: the naive baseline's counts, or mc's --json result. */
interface Printed { distinct?: number; generated?: number; distinctStates?: number; generatedStates?: number; depth?: number; verdict?: string; error?: { code: string; message: string } }
export interface Row { P: number; T: number; runner: Runner; m?: Measured; counts?: Counts; error?: string; countsOk: boolean }

export const EXACT: Record<string, Counts> = {
  "3,6": { distinct: 6476, generated: 61057, depth: 11 },
  "4,8": { distinct: 693160, generated: 9320385, depth: 15 },
  "5,8": { distinct: 4354992, generated: 62261121, depth: 17 },
};

const node = process.execPath;
const mc = (spec: string, w: number) => (P: number, T: number) =>
  [node, "bin/mc.js", "check", spec, "--json", "--const", `P=${P}`, "--const", `T=${T}`, "--workers", `${w}`];
const COMMANDS: Record<Runner, (P: number, T: number) => string[]> = {
  naive: (P, T) => [node, "--import", "tsx", "bench/naive.ts", `${P}`, `${T}`],
  tuned1: mc("specs/devpriv.ts", 1),
  tuned2: mc("specs/devpriv.ts", 2),
  plain1: mc("specs/devpriv-plain.ts", 1),
  plain2: mc("specs/devpriv-plain.ts", 2),
};

/** Runs one configuration; a child that fails becomes an n/a row carrying its error's first line. */
export async function runOne(root: string, P: number, T: number, runner: Runner): Promise<Row> {
  process.stderr.write(`bench: P=${P} T=${T} ${runner} ... `);
  const m = await measure(COMMANDS[runner](P, T), root);
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

/** The run of median wall time (a failed run counts as slowest), with the highest peak RSS seen. */
export function median(runs: Row[]): Row {
  const wall = (r: Row) => (r.error || !r.m ? Infinity : r.m.wallS);
  const sorted = [...runs].sort((a, b) => wall(a) - wall(b));
  const mid = sorted[(sorted.length - 1) >> 1]!;
  const peak = Math.max(...runs.map((r) => r.m?.peakMiB ?? 0));
  return { ...mid, countsOk: runs.every((r) => r.countsOk), ...(mid.m ? { m: { ...mid.m, peakMiB: peak } } : {}) };
}

const SMALL = "specs/examples/diehard.ts";

/**
 * The small spec's startup: `mc check` with the type check on (its cache warm after the first
 * run) against --no-typecheck, five pairs interleaved, ratio of the medians.
 */
export async function startupRatio(root: string): Promise<{ ratio: number; text: string }> {
  const on = [node, "bin/mc.js", "check", SMALL, "--json"];
  const off = [...on, "--no-typecheck"];
  await measure(on, root); // fills the cache if it was cold
  const a: Measured[] = [];
  const b: Measured[] = [];
  for (let i = 0; i < 5; i++) {
    a.push(await measure(on, root));
    b.push(await measure(off, root));
  }
  const med = (xs: Measured[], f: (m: Measured) => number) => xs.map(f).sort((x, y) => x - y)[2]!;
  const ratio = med(a, (m) => m.wallS) / med(b, (m) => m.wallS);
  const text =
    `Startup, ${SMALL} (medians of 5, interleaved): type check on (second run, cache warm) ${med(a, (m) => m.wallS).toFixed(2)} s, ` +
    `${med(a, (m) => m.peakMiB).toFixed(0)} MiB; --no-typecheck ${med(b, (m) => m.wallS).toFixed(2)} s, ${med(b, (m) => m.peakMiB).toFixed(0)} MiB: ` +
    `ratio ${ratio.toFixed(2)}×.`;
  process.stderr.write(`bench: ${text}\n`);
  return { ratio, text };
}
