// `node --import tsx bench/validate.ts [EVENTS...]`: the speed and memory of `mc validate` on long
// logs. For each size, a random behaviour of devpriv-free/v61 (and of fsdax.ts at ORDER=0 NG=2,
// whose consistent set is larger) is rendered as the page_ref lines the kernel would print, with one
// sched_switch line after every fourth event and events of a second, unmodelled pfn; then a
// whole `node bin/mc.js validate ... --json --no-typecheck` process checks it. Reports events/s
// (validation time, from the JSON, wall and CPU, and whole process) and peak RSS.

import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initHash } from "../src/fingerprint/hash.ts";
import { compile } from "../src/model/compile.ts";
import { loadSpec } from "../src/model/load-spec.ts";
import { successorsOf } from "../src/model/successors.ts";
import { resolveMapping } from "../src/validate/mapping.ts";
import { behaviourEvents, ftraceLine } from "../src/validate/render.ts";
import { Xoshiro128 } from "../src/explore/prng.ts";
import { measure, method } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
/** Specs whose behaviours go on forever (fsdax-idle's, e.g., end once truncate is done), with their constants. */
const SPECS: readonly { readonly file: string; readonly consts: { readonly [k: string]: number } }[] = [
  { file: "specs/devpriv-free/v61.ts", consts: {} },
  { file: "specs/fsdax.ts", consts: { ORDER: 0, NG: 2 } }, // REUSE: truncate, reuse, fault, ... forever
];

/** Writes a log of at least `events` page_ref events from one random walk; returns the line count. */
async function writeLog(specFile: string, consts: { readonly [k: string]: number }, events: number, file: string): Promise<number> {
  const m = compile(await loadSpec(specFile), consts, specFile);
  const mapping = resolveMapping(m);
  const rng = new Xoshiro128(15, 0);
  const fd = openSync(file, "w");
  let s = m.init[0];
  let n = 0;
  let lines = 0;
  let batch: string[] = [];
  let quiet = 0;
  const seen = new Set<number>();
  while (n < events) {
    const succ = m.actions.flatMap((a) => [...successorsOf(a(s))]);
    if (succ.length === 0 || ++quiet > 100_000) throw new Error(`${specFile}: the walk stopped logging events after ${n}; its behaviours end`);
    const t = succ[rng.below(succ.length)];
    for (const e of behaviourEvents(mapping, [s, t], (p) => 0x23fff0 + 0x40 * p)) {
      batch.push(ftraceLine(e, n++));
      seen.add(e.pfn);
      quiet = 0;
      if (n % 4 === 0) batch.push(`          mc-1000    [000] .....  100.000000: sched_switch: prev_comm=mc prev_pid=1000 prev_prio=120 prev_state=S ==> next_comm=swapper/0 next_pid=0 next_prio=120`);
      // a pfn the spec does not model, once every page is bound (before, it could take a page)
      if (n % 16 === 0 && seen.size === mapping.pages.length) batch.push(ftraceLine({ name: "page_ref_mod", pfn: 0x10a3c2, count: 2, val: 1, ret: undefined }, n));
    }
    s = t;
    if (batch.length > 4096) {
      lines += batch.length;
      writeSync(fd, batch.join("\n") + "\n");
      batch = [];
    }
  }
  lines += batch.length;
  writeSync(fd, batch.join("\n") + "\n");
  closeSync(fd);
  return lines;
}

await initHash();
const dir = mkdtempSync(join(tmpdir(), "mc-bench-validate-"));
try {
  console.log(`mc validate on long logs (${method}); node ${process.version}\n`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cores: on a shared machine the CPU-time rates are the ones to read\n`);
  console.log("| spec | page_ref events | lines | validation | events/s (validation) | whole process | peak RSS |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const { file: spec, consts } of SPECS) {
    for (const size of SIZES.length ? SIZES : [100_000, 1_000_000]) {
      const log = join(dir, "log.trace");
      const lines = await writeLog(spec, consts, size, log);
      const constFlags = Object.entries(consts).flatMap(([k, v]) => ["--const", `${k}=${v}`]);
      const r = await measure(["node", "bin/mc.js", "validate", spec, log, "--json", "--no-typecheck", ...constFlags], ROOT);
      const j = JSON.parse(r.stdout) as { verdict: string; explained: number; skipped: { unmodelledPfn: number; otherEvents: number }; timeMs: number; cpuMs: number };
      if (j.verdict !== "fits") throw new Error(`${spec}: a behaviour's log did not fit: ${r.stdout.slice(0, 400)}`);
      const total = j.explained + j.skipped.unmodelledPfn + j.skipped.otherEvents;
      const rate = (n: number, ms: number): string => Math.round(n / (ms / 1000)).toLocaleString("en");
      console.log(`| ${spec}${constFlags.length ? ` ${Object.entries(consts).map(([k, v]) => `${k}=${v}`).join(" ")}` : ""} | ${j.explained.toLocaleString("en")} | ${lines.toLocaleString("en")} | ${(j.timeMs / 1000).toFixed(2)} s wall, ${(j.cpuMs / 1000).toFixed(2)} s CPU | ${rate(j.explained, j.timeMs)} wall, ${rate(j.explained, j.cpuMs)} CPU (${rate(total, j.cpuMs)} lines/s CPU) | ${r.wallS.toFixed(2)} s | ${r.peakMiB.toFixed(0)} MiB |`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
