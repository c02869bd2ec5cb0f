// Runs one benchmark child to completion and measures its wall time and peak RSS: under GNU time
// (/usr/bin/time -f '%e %M %U %S') when it exists, else from the parent by polling the child's VmHWM
// in /proc every 50 ms (the high-water mark is monotone, so a late read still sees the peak).

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measured {
  readonly code: number | null; // null when killed by a signal
  readonly stdout: string;
  readonly stderr: string; // its last 16 KiB
  readonly wallS: number;
  readonly peakMiB: number;
  /** User + system CPU seconds of the child and its threads (GNU time only, else NaN): steadier
   * than wall time on a shared machine. */
  readonly cpuS: number;
}

const GNU_TIME = "/usr/bin/time";
export const method = existsSync(GNU_TIME) ? "GNU time (%e %M %U %S)" : "wall clock + /proc VmHWM polled every 50 ms";

export async function measure(cmd: readonly string[], cwd: string): Promise<Measured> {
  if (!existsSync(GNU_TIME)) return polled(cmd, cwd);
  const dir = mkdtempSync(join(tmpdir(), "mc-bench-"));
  const file = join(dir, "time");
  try {
    const r = await run([GNU_TIME, "-f", "%e %M %U %S", "-o", file, ...cmd], cwd);
    // With -o, GNU time may put a "Command exited with non-zero status" line before ours.
    const last = readFileSync(file, "utf8").trim().split("\n").pop() ?? "";
    const [wall, kib, user, sys] = last.split(" ").map(Number);
    return { ...r, wallS: wall ?? NaN, peakMiB: (kib ?? NaN) / 1024, cpuS: (user ?? NaN) + (sys ?? NaN) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function polled(cmd: readonly string[], cwd: string): Promise<Measured> {
  let peakKiB = 0;
  const t0 = process.hrtime.bigint();
  const r = await run(cmd, cwd, (pid) =>
    setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      } catch {
        // the child has just exited
      }
    }, 50),
  );
  return { ...r, wallS: Number(process.hrtime.bigint() - t0) / 1e9, peakMiB: peakKiB / 1024, cpuS: NaN };
}

type Ran = Pick<Measured, "code" | "stdout" | "stderr">;

function run(cmd: readonly string[], cwd: string, watch?: (pid: number) => NodeJS.Timeout): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-16384)));
    const timer = child.pid !== undefined && watch ? watch(child.pid) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
