// Parallel efficiency (issue 14 §4): `--workers 2` against one worker, whole `node bin/mc.js check
// ... --no-typecheck --json` processes run back to back, judged on the median of the pairs' wall
// ratios (the machine's speed drifts over minutes). The target (two workers ≥ 1.75× one
// worker) is judged on runs of a minute or more, the plain devpriv P=5 T=8 and the symmetric
// fsdax.ts with its gup threads parameterised at NG=4: what every run pays once whatever the
// number of workers (about a second of start-up) is then small, as on the runs that need a second
// core. The short runs beside them (devpriv P=4 T=8, sym-counters N=12 K=9) show what that fixed
// cost does to a run of seconds, and a third run of two workers under `node --parallel-scavenge`
// keeps V8's scavenger helpers (serial-scavenge.ts turns them off when the search threads take
// every core). On the long runs, once per case, two one-worker processes run at once: what this
// machine's two cores give at that moment for the same work without any sharing (2 × one
// worker's wall / the pair's), the ceiling the two workers are read against on a shared machine
// whose speed drifts. Rate: distinct states per second of the check (the JSON's timeMs: search and
// the symmetry check after it), start-up and exit left out. The CPU seconds say what two free
// cores could give at best (2 / the CPU ratio). Every count is checked exactly.

import { loadavg } from "node:os";
import { measure, type Measured } from "./measure.ts";

interface Case { readonly name: string; readonly args: readonly string[]; readonly distinct: number; readonly target: boolean }

const devpriv = (P: number, T: number): string[] => ["specs/devpriv.ts", "--const", `P=${P}`, "--const", `T=${T}`];
const fsdax = (NG: number): string[] => ["specs/fsdax.ts", "--const", "ACTORS=parameterised", "--const", `NG=${NG}`];
const counters = (N: number, K: number): string[] => ["bench/specs/sym-counters.ts", "--const", `N=${N}`, "--const", `K=${K}`];

const CASES = (quick: boolean): Case[] =>
  quick
    ? [
        { name: "devpriv P=4 T=8", args: devpriv(4, 8), distinct: 693160, target: true },
        { name: "fsdax ACTORS=parameterised NG=3 (symmetry)", args: fsdax(3), distinct: 148556, target: true },
        { name: "sym-counters N=9 K=8 (symmetry)", args: counters(9, 8), distinct: 11440, target: false },
      ]
    : [
        { name: "devpriv P=5 T=8", args: devpriv(5, 8), distinct: 4354992, target: true },
        { name: "fsdax ACTORS=parameterised NG=4 (symmetry)", args: fsdax(4), distinct: 1113866, target: true },
        { name: "devpriv P=4 T=8", args: devpriv(4, 8), distinct: 693160, target: false },
        { name: "sym-counters N=12 K=9 (symmetry)", args: counters(12, 9), distinct: 125970, target: false },
      ];

/** The runs of a pair: one worker, two, and (short runs only) two with V8's parallel scavenging kept. */
const RUNS = [
  { label: "1 worker", workers: 1, node: [] },
  { label: "2 workers", workers: 2, node: [] },
  { label: "2 workers, node --parallel-scavenge", workers: 2, node: ["--parallel-scavenge"] },
] as const;
type Run = (typeof RUNS)[number];

interface Once { readonly m: Measured; readonly rate: number; readonly why?: string }

async function once(c: Case, r: Run, root: string): Promise<Once> {
  process.stderr.write(`bench: ${c.name}, ${r.label} ... `);
  const m = await measure([process.execPath, ...r.node, "bin/mc.js", "check", ...c.args, "--no-typecheck", "--json", "--workers", String(r.workers)], root);
  const line = m.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  let j: { verdict?: string; distinctStates?: number; timeMs?: number } = {};
  try {
    j = line ? JSON.parse(line) : {};
  } catch {}
  const why = m.code !== 0 ? `exit ${m.code}: ${m.stderr.trim().split("\n")[0] ?? ""}` : j.verdict !== "ok" ? `verdict ${j.verdict}` : j.distinctStates !== c.distinct ? `distinct ${j.distinctStates}, want ${c.distinct}` : undefined;
  const rate = (j.distinctStates ?? 0) / ((j.timeMs ?? Infinity) / 1000);
  process.stderr.write(why ? `n/a (${why})\n` : `${m.wallS.toFixed(2)} s, ${m.cpuS.toFixed(1)} CPU s, ${m.peakMiB.toFixed(0)} MiB, ${Math.round(rate)} states/s of check\n`);
  return { m, rate, ...(why ? { why } : {}) };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;

/** The runs, `repeat` times back to back per case; the markdown section. */
export async function workersEfficiency(root: string, repeat: number, quick: boolean): Promise<{ section: string }> {
  const load = loadavg()[0]!;
  const lines = [
    "## Two workers (issue 14 §4)",
    "",
    `${new Date().toISOString()}: whole \`node bin/mc.js check <spec> --no-typecheck --json --workers 1|2\` processes back to back ${repeat} times, medians (peak RSS: the highest); the target is judged on the runs of a minute or more, the short ones show the weight of the fixed start-up. Load average ${load.toFixed(1)} at the start${load >= 1.5 ? ": the second core was not free, so the wall ratios say little (the CPU ratios still do)" : ""}.`,
    "",
  ];
  for (const c of CASES(quick)) {
    const runs = c.target ? RUNS.slice(0, 2) : RUNS;
    const got: Once[][] = runs.map(() => []);
    for (let i = 0; i < repeat; i++) for (const [k, r] of runs.entries()) got[k]!.push(await once(c, r, root));
    const bad = got.flat().find((r) => r.why);
    if (bad) {
      lines.push(`- n/a: ${c.name}: ${bad.why}`);
      continue;
    }
    // the machine's own scaling: the same one-worker run twice at once, no memory shared
    let machine: number | undefined;
    if (c.target) {
      const pair = await Promise.all([once(c, RUNS[0], root), once(c, RUNS[0], root)]);
      if (!pair.some((r) => r.why)) machine = (2 * med(got[0]!.map((r) => r.m.wallS))) / Math.max(...pair.map((r) => r.m.wallS));
    }
    const [one, two, helpers] = got.map((rs) => ({ wall: med(rs.map((r) => r.m.wallS)), cpu: med(rs.map((r) => r.m.cpuS)), peak: Math.max(...rs.map((r) => r.m.peakMiB)), rate: med(rs.map((r) => r.rate)) }));
    // Judged on the pairs (one worker, then two, back to back): the machine's speed drifts over
    // minutes, and a ratio of the two sides' medians can pair a slow phase with a fast one.
    const pairs = got[0]!.map((r, i) => r.m.wallS / got[1]![i]!.m.wallS);
    const eff = med(pairs); // (printed to 3 places: 1.7476 is not 1.75)
    const cpu = two!.cpu / one!.cpu;
    const verdict = c.target ? (eff >= 1.75 ? "PASS" : "FAIL") : "info";
    lines.push(
      `- ${verdict}: ${c.name}, 2 workers ≥ 1.75× one worker: median of the pairs' wall ratios ${eff.toFixed(3)}× (pairs ${pairs.map((x) => x.toFixed(3)).join(", ")}); medians wall ${one!.wall.toFixed(2)} s vs ${two!.wall.toFixed(2)} s; rate of the check ${Math.round(one!.rate)} vs ${Math.round(two!.rate)} states/s (${(two!.rate / one!.rate).toFixed(2)}×); CPU ${one!.cpu.toFixed(1)} s vs ${two!.cpu.toFixed(1)} s (two workers spend ${cpu.toFixed(2)}× the CPU: two free cores give at most ${(2 / cpu).toFixed(2)}×); peak RSS ${one!.peak.toFixed(0)} vs ${two!.peak.toFixed(0)} MiB`,
      ...(machine !== undefined ? [`  - two one-worker processes at once (no memory shared): ${machine.toFixed(2)}× one alone's throughput, what this machine's two cores gave then`] : []),
      ...(helpers ? [`  - with node --parallel-scavenge (V8's scavenger helpers kept): wall ${helpers.wall.toFixed(2)} s (${(one!.wall / helpers.wall).toFixed(2)}×), CPU ${helpers.cpu.toFixed(1)} s`] : []),
    );
  }
  lines.push("", `Load average at the end ${loadavg()[0]!.toFixed(1)}.`);
  return { section: `${lines.join("\n")}\n` };
}
