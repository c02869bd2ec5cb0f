// The child processes that check mutants, each task under a wall-clock safety net: a child that
// runs past it is killed and replaced, and a child that dies (V8's fatal heap-limit abort, a
// crash) is a verdict for that one mutant. Processes, not worker threads: a worker thread's heap
// exhaustion is a fatal error of the whole process, a child's is only the child's.

import { fork, type ChildProcess } from "node:child_process";
import type { CheckOutcome, CheckTask } from "./protocol.js";

const BOOT = new URL("./child-boot.js", import.meta.url);
/**
 * A child is replaced after this many tasks: every mutant's modules stay in its module cache.
 * A fresh child costs ~0.4 s of CPU (tsx and mc's pipeline loaded), a task of a small spec less.
 */
const TASKS_PER_CHILD = 40;
/** What V8 prints when a heap passes --max-old-space-size, just before it aborts the process. */
const HEAP_DEATH = /heap out of memory|Reached heap limit|Allocation failed/i;

export interface PoolOptions {
  readonly jobs: number;
  /** The safety net: a task still running after this long is killed ("timeout"). */
  readonly timeoutMs: number;
  /** Heap limit of each child, MiB: a mutant whose states explode dies here, alone ("heap"). */
  readonly heapMiB: number;
}

/** Runs every task on `jobs` child processes; outcomes come back in task order. */
export async function runPool(tasks: readonly CheckTask[], o: PoolOptions, onDone?: (o: CheckOutcome) => void): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    let c: Child | undefined;
    let used = 0;
    try {
      while (next < tasks.length) {
        const i = next++;
        if (c === undefined || used >= TASKS_PER_CHILD) {
          c?.stop();
          c = await Child.start(o.heapMiB);
          used = 0;
        }
        used++;
        const r = await c.run(tasks[i]!, o.timeoutMs);
        if (r.verdict === "timeout" || r.verdict === "heap" || r.verdict === "crashed") {
          c.stop();
          c = undefined;
        }
        out[i] = r;
        onDone?.(r);
      }
    } finally {
      c?.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, tasks.length)) }, lane));
  return out;
}

/** Children still running: killed when mc exits, since one busy in a search never sees the IPC channel close. */
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const p of live) p.kill("SIGKILL");
});

/** One child process that has loaded mc's pipeline, and the tail of what it wrote to stderr. */
class Child {
  private stderr = "";
  private constructor(private readonly p: ChildProcess) {
    p.stderr!.setEncoding("utf8");
    p.stderr!.on("data", (d: string) => void (this.stderr = (this.stderr + d).slice(-4000)));
  }

  /** A child that said it is ready (its boot is not charged to the first task's time). */
  static start(heapMiB: number): Promise<Child> {
    const p = fork(BOOT, [], { execArgv: [`--max-old-space-size=${heapMiB}`], stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
    const c = new Child(p);
    live.add(p);
    p.once("exit", () => live.delete(p));
    return new Promise((resolve, reject) => {
      p.once("message", () => resolve(c));
      p.once("error", reject);
      p.once("exit", (code, signal) => reject(new Error(`a mutant child process exited while starting (${signal ?? code}): ${c.stderr.trim().split("\n").slice(-3).join(" ")}`)));
    });
  }

  /** One task: its outcome, "timeout" past the limit, "heap" or "crashed" if the child died. */
  run(t: CheckTask, timeoutMs: number): Promise<CheckOutcome> {
    const started = performance.now();
    const p = this.p;
    this.stderr = "";
    return new Promise((resolve) => {
      const finish = (r: CheckOutcome): void => {
        clearTimeout(timer);
        p.off("message", onMessage);
        p.off("exit", onExit);
        resolve(r);
      };
      const lost = (verdict: "timeout" | "heap" | "crashed", message: string): CheckOutcome => ({ id: t.id, verdict, distinct: 0, generated: 0, error: { code: verdict, message }, ms: performance.now() - started });
      const onMessage = (r: CheckOutcome): void => finish(r);
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        const last = this.stderr.trim().split("\n").slice(-2).join(" ").slice(0, 300);
        finish(HEAP_DEATH.test(this.stderr) ? lost("heap", `the child passed its heap limit: ${last}`) : lost("crashed", `the child exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ""}`));
      };
      const timer = setTimeout(() => {
        p.off("exit", onExit);
        finish(lost("timeout", `no verdict within ${Math.round(timeoutMs)} ms (wall clock)`));
      }, timeoutMs);
      p.on("message", onMessage);
      p.on("exit", onExit);
      p.send(t);
    });
  }

  stop(): void {
    if (this.p.exitCode === null && this.p.signalCode === null) this.p.kill("SIGKILL");
  }
}
