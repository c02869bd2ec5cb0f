// The cluster benchmark (issue 17): devpriv P=4 T=8 checked by 1, 2 and 4 local worker processes
// over a nats-server of its own, against `--workers 2` in one process: wall time, NATS data
// messages and bytes per state, peak RSS per worker; and the per-level barrier cost, from a spec
// of one state per level (the counter fixture, 150 levels). Writes bench/CLUSTER.md.
// Run: node --import tsx bench/cluster.ts   (several minutes on 2 cores)

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { measure, method } from "./measure.js";

const CWD = new URL("..", import.meta.url).pathname;
const SPEC = ["specs/devpriv.ts", "--const", "P=4", "--const", "T=8"];
const MC = ["node", "bin/mc.js"];

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => r(p));
    });
  });
}

interface Level {
  level: number;
  states: number;
  ms: number;
  msgs: number;
  bytes: number;
  rss: number[];
}

function levels(stderr: string): Level[] {
  return [...stderr.matchAll(/^\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d ]+)$/gm)].map((m) => ({ level: +m[1]!, states: +m[2]!, ms: +m[3]!, msgs: +m[4]!, bytes: +m[5]!, rss: m[6]!.trim().split(/\s+/).map(Number) }));
}

const port = await freePort();
const nats = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const url = `nats://127.0.0.1:${port}`;
const rows: string[] = [];
const out: string[] = [];
try {
  const base = await measure([...MC, "check", ...SPEC, "--workers", "2", "--json", "--no-typecheck"], CWD);
  const b = JSON.parse(base.stdout) as { distinctStates: number; generatedStates: number };
  rows.push(`| --workers 2, one process | ${base.wallS.toFixed(1)} | - | - | - | - | ${base.peakMiB.toFixed(0)} (process) |`);
  for (const n of [1, 2, 4]) {
    const r = await measure([...MC, "check", ...SPEC, "--cluster", url, "--nodes", String(n), "--json", "--no-typecheck", "--cluster-stats", "--no-checkpoints"], CWD);
    const j = JSON.parse(r.stdout) as { distinctStates: number; generatedStates: number };
    if (j.distinctStates !== b.distinctStates || j.generatedStates !== b.generatedStates) throw new Error(`cluster of ${n} disagrees: ${r.stdout}`);
    const ls = levels(r.stderr);
    const msgs = ls.reduce((a, l) => a + l.msgs, 0);
    const bytes = ls.reduce((a, l) => a + l.bytes, 0);
    const rss = ls.at(-1)!.rss;
    rows.push(`| cluster, ${n} worker process${n > 1 ? "es" : ""} | ${r.wallS.toFixed(1)} | ${msgs} | ${(msgs / j.generatedStates).toFixed(4)} | ${(bytes / j.distinctStates).toFixed(0)} | ${(bytes / j.generatedStates).toFixed(0)} | ${rss.join(", ")} |`);
  }
  // the barrier: one state per level, so a level's time is the cost of a level and nothing else
  for (const n of [1, 2, 4]) {
    const r = await measure([...MC, "check", "test/fixtures/counter.ts", "--const", "N=150", "--const", "LIMIT=1000", "--cluster", url, "--nodes", String(n), "--json", "--no-typecheck", "--cluster-stats", "--no-checkpoints"], CWD);
    const ls = levels(r.stderr);
    const ms = ls.map((l) => l.ms).sort((x, y) => x - y);
    out.push(`| ${n} | ${ls.length} | ${(ms.reduce((a, x) => a + x, 0) / ms.length).toFixed(1)} | ${ms[Math.floor(ms.length / 2)]} | ${ms[Math.floor(ms.length * 0.9)]} | ${r.wallS.toFixed(1)} |`);
  }
  const md = `# Cluster benchmark (issue 17)

Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), shared with other work; nats-server ${"2.9"} on 127.0.0.1.
Measured with ${method}. Command: \`node --import tsx bench/cluster.ts\`.

## devpriv P=4 T=8 (${b.distinctStates.toLocaleString("en-US")} distinct, ${b.generatedStates.toLocaleString("en-US")} generated states)

Messages and bytes are the workers' data messages through NATS (successor batches and
end-of-level counts; a worker's successors for itself never leave the process), summed over workers.

| run | wall s | data messages | messages / generated state | bytes / distinct state | bytes / generated state | peak RSS MiB per worker |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

## Per-level barrier (test/fixtures/counter.ts N=150: one state per level)

| workers | levels | mean ms / level | median | p90 | wall s |
| --- | --- | --- | --- | --- | --- |
${out.join("\n")}
`;
  writeFileSync(new URL("CLUSTER.md", import.meta.url), md);
  process.stdout.write(md);
} finally {
  nats.kill("SIGKILL");
}
