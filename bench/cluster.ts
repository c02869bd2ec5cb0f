// The cluster benchmark (issue 17): devpriv P=4 T=8 checked by 1, 2 and 4 local worker processes
// over a nats-server of its own, against `--workers 2` in one process: wall time, NATS data
// messages and bytes per state, peak RSS per worker; and the per-level barrier cost, from a spec
// of one state per level (the counter fixture, 150 levels). Writes bench/CLUSTER.md.
// Run: node --import tsx bench/cluster.ts   (several minutes on 2 cores)

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

const method = "GNU time (%e %M %U %S; CPU seconds include every worker process)";

/** Wall seconds, peak RSS of the largest process, CPU seconds of the whole process tree, and the output. */
async function measure(cmd: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string; wallS: number; peakMiB: number; cpuS: number }> {
  const dir = mkdtempSync(join(tmpdir(), "mc-cluster-bench-"));
  const file = join(dir, "time");
  try {
    const p = spawn("/usr/bin/time", ["-f", "%e %M %U %S", "-o", file, ...cmd], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise((r) => p.on("exit", r));
    const [wall, kib, user, sys] = (readFileSync(file, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
    return { stdout, stderr, wallS: wall!, peakMiB: kib! / 1024, cpuS: user! + sys! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
  rows.push(`| --workers 2, one process | ${base.wallS.toFixed(1)} | ${base.cpuS.toFixed(1)} | ${((base.cpuS / b.generatedStates) * 1e6).toFixed(2)} | - | - | - | - | ${base.peakMiB.toFixed(0)} (process) |`);
  for (const n of [1, 2, 4]) {
    const r = await measure([...MC, "check", ...SPEC, "--cluster", url, "--nodes", String(n), "--json", "--no-typecheck", "--cluster-stats", "--no-checkpoints"], CWD);
    const j = JSON.parse(r.stdout) as { distinctStates: number; generatedStates: number };
    if (j.distinctStates !== b.distinctStates || j.generatedStates !== b.generatedStates) throw new Error(`cluster of ${n} disagrees: ${r.stdout}`);
    const ls = levels(r.stderr);
    const msgs = ls.reduce((a, l) => a + l.msgs, 0);
    const bytes = ls.reduce((a, l) => a + l.bytes, 0);
    const rss = ls.at(-1)!.rss;
    rows.push(`| cluster, ${n} worker process${n > 1 ? "es" : ""} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${((r.cpuS / j.generatedStates) * 1e6).toFixed(2)} | ${msgs} | ${(msgs / j.generatedStates).toFixed(4)} | ${(bytes / j.distinctStates).toFixed(0)} | ${(bytes / j.generatedStates).toFixed(0)} | ${rss.join(", ")} |`);
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

| run | wall s | CPU s | CPU µs / generated state | data messages | messages / generated state | bytes / distinct state | bytes / generated state | peak RSS MiB per worker |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
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
