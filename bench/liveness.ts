// The cost of a temporal property: `mc check specs/fsdax.ts` safety-only (every invariant named
// with --invariant, so TruncateCompletes is left out) against the same run with the property,
// whole processes measured alike and interleaved, medians of `repeat`. Target: at most 3× the
// time and 2× the peak memory of the safety-only run.

import { measure, type Measured } from "./measure.ts";

const INVARIANTS = [
  "TruncateNeverWhilePinned", "NoStrandedWaiter", "TailRefcountZero", "CompoundHeadConsistency", "MapcountConsistency", "RefcountMatchesHolders",
  "BusyTestSound", "ResetOrderOnlyWhenIdle", "NoGetOnZero", "PgmapResolvable", "NoFreeWhileHeld", "NoUnderflow",
];
const WANT = { distinct: 277296, generated: 1951473 };

type Mode = "safety" | "temporal";
const command = (mode: Mode): string[] => [
  process.execPath, "bin/mc.js", "check", "specs/fsdax.ts", "--json", "--no-typecheck",
  ...(mode === "safety" ? INVARIANTS.flatMap((n) => ["--invariant", n]) : []),
];

interface Run { m: Measured; ok: boolean; why?: string }

async function once(mode: Mode, root: string): Promise<Run> {
  process.stderr.write(`bench: fsdax ${mode} ... `);
  const m = await measure(command(mode), root);
  const line = m.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  let j: { verdict?: string; distinctStates?: number; generatedStates?: number; properties?: string[] } = {};
  try {
    j = line ? JSON.parse(line) : {};
  } catch {}
  const why =
    m.code !== 0 ? `exit ${m.code}: ${m.stderr.trim().split("\n")[0] ?? ""}`
    : j.verdict !== "ok" ? `verdict ${j.verdict}`
    : j.distinctStates !== WANT.distinct || j.generatedStates !== WANT.generated ? `counts ${j.distinctStates}/${j.generatedStates}` : undefined;
  process.stderr.write(why ? `n/a (${why})\n` : `${m.wallS.toFixed(2)} s, ${m.peakMiB.toFixed(0)} MiB\n`);
  return { m, ok: why === undefined, ...(why ? { why } : {}) };
}

/** Runs both modes `repeat` times, interleaved; returns the markdown section and whether it passed. */
export async function livenessCost(root: string, repeat: number): Promise<{ section: string; pass: boolean }> {
  const runs: Record<Mode, Run[]> = { safety: [], temporal: [] };
  for (let i = 0; i < repeat; i++) for (const mode of ["safety", "temporal"] as const) runs[mode].push(await once(mode, root));
  const failed = [...runs.safety, ...runs.temporal].find((r) => !r.ok);
  if (failed) return { section: `## Liveness cost (specs/fsdax.ts)\n\nn/a: ${failed.why}\n`, pass: false };
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;
  const wall = (mode: Mode) => med(runs[mode].map((r) => r.m.wallS));
  const peak = (mode: Mode) => Math.max(...runs[mode].map((r) => r.m.peakMiB));
  const tRatio = wall("temporal") / wall("safety");
  const mRatio = peak("temporal") / peak("safety");
  const rows = (["safety", "temporal"] as const).map((mode) => `| ${mode === "safety" ? "safety only (12 × --invariant)" : "safety + TruncateCompletes"} | ${wall(mode).toFixed(2)} | ${peak(mode).toFixed(0)} |`);
  const section = [
    "## Liveness cost (specs/fsdax.ts, 277,296 states)",
    "",
    `${new Date().toISOString()}: whole \`mc check specs/fsdax.ts --json --no-typecheck\` processes, one worker, interleaved, median wall time of ${repeat} (peak RSS: the highest).`,
    "The machine is shared and noisy: compare the ratios, measured in the same run, not the absolute times.",
    "",
    "| run | wall s | peak RSS MiB |",
    "| --- | ---: | ---: |",
    ...rows,
    "",
    `- ${tRatio <= 3 ? "PASS" : "FAIL"}: time with the temporal property ≤ 3× safety-only (measured ${tRatio.toFixed(2)}×)`,
    `- ${mRatio <= 2 ? "PASS" : "FAIL"}: peak RSS with the temporal property ≤ 2× safety-only (measured ${mRatio.toFixed(2)}×)`,
    "",
  ].join("\n");
  return { section, pass: tRatio <= 3 && mRatio <= 2 };
}
