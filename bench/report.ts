// The benchmark's markdown: one row per (configuration, runner) with wall time, states/s, peak
// RSS, bytes per state and the speed-up over the naive baseline, then the issue's targets.

import { EXACT, type Row, type Runner } from "./runs.ts";

const fmt = (x: number, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const LABEL: Record<Runner, string> = { naive: "naive", tuned1: "mc tuned, 1 worker", tuned2: "mc tuned, 2 workers", plain1: "mc plain, 1 worker", plain2: "mc plain, 2 workers" };

export function table(rows: readonly Row[]): string {
  const out = ["| config | runner | wall s | states/s | peak RSS MiB | B/state | vs naive | counts |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"];
  for (const r of rows) {
    const cfg = `P=${r.P} T=${r.T}`;
    if (r.error || !r.m || !r.counts) {
      out.push(`| ${cfg} | ${LABEL[r.runner]} | n/a | | | | | n/a: ${r.error?.replaceAll("|", "\\|")} |`);
      continue;
    }
    const { wallS, peakMiB } = r.m;
    const naive = rows.find((n) => n.P === r.P && n.T === r.T && n.runner === "naive" && n.countsOk);
    const ratio = naive ? `${(naive.m!.wallS / wallS).toFixed(2)}×` : "—";
    const want = EXACT[`${r.P},${r.T}`]!;
    const c = r.counts;
    const ok = r.countsOk ? "OK" : `**MISMATCH** got ${c.distinct}/${c.generated}/${c.depth}, want ${want.distinct}/${want.generated}/${want.depth}`;
    out.push(`| ${cfg} | ${LABEL[r.runner]} | ${wallS.toFixed(2)} | ${fmt(c.distinct / wallS)} | ${fmt(peakMiB)} | ${fmt((peakMiB * 2 ** 20) / c.distinct)} | ${ratio} | ${ok} |`);
  }
  return out.join("\n");
}

/** The issue's targets; a run only counts if its counts were exact. */
export function targets(rows: readonly Row[], startup: number | undefined): string {
  const get = (P: number, runner: Runner) => rows.find((r) => r.P === P && r.T === 8 && r.runner === runner && r.countsOk);
  const speedup = (runner: Runner) => {
    const n = get(4, "naive"), r = get(4, runner);
    return n && r ? n.m!.wallS / r.m!.wallS : undefined;
  };
  const rss = (runner: Runner) => get(5, runner)?.m!.peakMiB;
  const line = (v: number | undefined, pass: (v: number) => boolean, what: string, shown: (v: number) => string) =>
    `- ${v === undefined ? "NOT MEASURED" : pass(v) ? "PASS" : "FAIL"}: ${what}${v === undefined ? "" : ` (measured ${shown(v)})`}`;
  const x = (v: number) => `${v.toFixed(2)}×`;
  const mib = (v: number) => `${v.toFixed(0)} MiB`;
  return [
    line(speedup("plain1"), (v) => v >= 1.6, "plain devpriv P=4 T=8, 1 worker ≥ 1.6× faster than naive", x),
    line(speedup("plain2"), (v) => v >= 2.8, "plain devpriv P=4 T=8, 2 workers ≥ 2.8× faster than naive", x),
    line(speedup("tuned1"), (v) => v >= 1.6, "tuned devpriv P=4 T=8, 1 worker ≥ 1.6× faster than naive", x),
    line(speedup("tuned2"), (v) => v >= 2.8, "tuned devpriv P=4 T=8, 2 workers ≥ 2.8× faster than naive", x),
    line(rss("tuned1"), (v) => v < 300, "devpriv P=5 T=8, 1 worker peak RSS < 300 MiB", mib),
    line(rss("tuned2"), (v) => v < 600, "devpriv P=5 T=8, 2 workers peak RSS < 600 MiB", mib),
    line(startup, (v) => v <= 1.3, "small spec, type check on (second run) ≤ 1.3× the --no-typecheck time", x),
  ].join("\n");
}
