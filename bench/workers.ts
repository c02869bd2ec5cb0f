// Parallel efficiency (issue 14 §4): `--workers 2` against one worker, whole `node bin/mc.js check
// ... --no-typecheck --json` processes run back to back, on devpriv P=4 T=8 (no symmetry) and on
// the symmetric sym-counters N=12 K=9; target: two workers ≥ 1.75× one worker's wall time. The
// CPU seconds say what two free cores could give at best (2 / the CPU ratio); the load average
// says whether the second core was free at all. A third run of two workers under `node
// --parallel-scavenge` keeps V8's scavenger helpers (serial-scavenge.ts turns them off when the
// search threads take every core): whether that choice pays is for a quiet machine to say. Every
// count is checked exactly.

import { loadavg } from "node:os";
import { measure, type Measured } from "./measure.ts";

interface Case { readonly name: string; readonly args: readonly string[]; readonly distinct: number }

const CASES = (quick: boolean): Case[] => [
  quick
    ? { name: "devpriv P=3 T=6", args: ["specs/devpriv.ts", "--const", "P=3", "--const", "T=6"], distinct: 6476 }
    : { name: "devpriv P=4 T=8", args: ["specs/devpriv.ts", "--const", "P=4", "--const", "T=8"], distinct: 693160 },
  quick
    ? { name: "sym-counters N=9 K=8 (symmetry)", args: ["bench/specs/sym-counters.ts", "--const", "N=9", "--const", "K=8"], distinct: 11440 }
    : { name: "sym-counters N=12 K=9 (symmetry)", args: ["bench/specs/sym-counters.ts", "--const", "N=12", "--const", "K=9"], distinct: 125970 },
];

/** The runs of a pair: one worker, two, and two with V8's parallel scavenging kept. */
const RUNS = [
  { label: "1 worker", workers: 1, node: [] },
  { label: "2 workers", workers: 2, node: [] },
  { label: "2 workers, node --parallel-scavenge", workers: 2, node: ["--parallel-scavenge"] },
] as const;
type Run = (typeof RUNS)[number];

async function once(c: Case, r: Run, root: string): Promise<{ m: Measured; why?: string }> {
  process.stderr.write(`bench: ${c.name}, ${r.label} ... `);
  const m = await measure([process.execPath, ...r.node, "bin/mc.js", "check", ...c.args, "--no-typecheck", "--json", "--workers", String(r.workers)], root);
  const line = m.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  let j: { verdict?: string; distinctStates?: number } = {};
  try {
    j = line ? JSON.parse(line) : {};
  } catch {}
  const why = m.code !== 0 ? `exit ${m.code}: ${m.stderr.trim().split("\n")[0] ?? ""}` : j.verdict !== "ok" ? `verdict ${j.verdict}` : j.distinctStates !== c.distinct ? `distinct ${j.distinctStates}, want ${c.distinct}` : undefined;
  process.stderr.write(why ? `n/a (${why})\n` : `${m.wallS.toFixed(2)} s, ${m.cpuS.toFixed(1)} CPU s, ${m.peakMiB.toFixed(0)} MiB\n`);
  return { m, ...(why ? { why } : {}) };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;

/** The three runs, `repeat` times back to back per case; the markdown section. */
export async function workersEfficiency(root: string, repeat: number, quick: boolean): Promise<{ section: string }> {
  const load = loadavg()[0]!;
  const lines = [
    "## Two workers (issue 14 §4)",
    "",
    `${new Date().toISOString()}: whole \`node bin/mc.js check <spec> --no-typecheck --json --workers 1|2\` processes, one, two and two workers under \`node --parallel-scavenge\` back to back ${repeat} times, medians (peak RSS: the highest). Load average ${load.toFixed(1)} at the start${load >= 1.5 ? ": the second core was not free, so the wall ratios say little (the CPU ratios still do)" : ""}.`,
    "",
  ];
  for (const c of CASES(quick)) {
    const runs: { m: Measured; why?: string }[][] = RUNS.map(() => []);
    for (let i = 0; i < repeat; i++) for (const [k, r] of RUNS.entries()) runs[k]!.push(await once(c, r, root));
    const bad = runs.flat().find((r) => r.why);
    if (bad) {
      lines.push(`- n/a: ${c.name}: ${bad.why}`);
      continue;
    }
    const [one, two, helpers] = runs.map((rs) => ({ wall: med(rs.map((r) => r.m.wallS)), cpu: med(rs.map((r) => r.m.cpuS)), peak: Math.max(...rs.map((r) => r.m.peakMiB)) }));
    const eff = one!.wall / two!.wall;
    const cpu = two!.cpu / one!.cpu;
    lines.push(
      `- ${eff >= 1.75 ? "PASS" : "FAIL"}: ${c.name}, 2 workers ≥ 1.75× one worker: wall ${one!.wall.toFixed(2)} s vs ${two!.wall.toFixed(2)} s (${eff.toFixed(2)}×); CPU ${one!.cpu.toFixed(1)} s vs ${two!.cpu.toFixed(1)} s (two workers spend ${cpu.toFixed(2)}× the CPU: two free cores give at most ${(2 / cpu).toFixed(2)}×); peak RSS ${one!.peak.toFixed(0)} vs ${two!.peak.toFixed(0)} MiB`,
      `  - with node --parallel-scavenge (V8's scavenger helpers kept): wall ${helpers!.wall.toFixed(2)} s (${(one!.wall / helpers!.wall).toFixed(2)}×), CPU ${helpers!.cpu.toFixed(1)} s`,
    );
  }
  lines.push("", `Load average at the end ${loadavg()[0]!.toFixed(1)}.`);
  return { section: `${lines.join("\n")}\n` };
}
