// The worker threads that check mutants, each task under a hard time limit: a worker that runs
// past it is terminated (V8 stops even a synchronous endless loop) and replaced, and a worker
// that runs out of its heap limit is reported as crashed, never taking the run down with it.

import { Worker } from "node:worker_threads";
import type { CheckOutcome, CheckTask } from "./protocol.js";

const BOOT = new URL("./worker-boot.js", import.meta.url);
/** A worker is replaced after this many tasks: every mutant's modules stay in its module cache. */
const TASKS_PER_WORKER = 60;

export interface PoolOptions {
  readonly threads: number;
  readonly timeoutMs: number;
  /** Heap limit of each worker, MiB: a mutant whose states explode stops here. */
  readonly heapMiB: number;
}

/** Runs every task on `threads` workers; outcomes come back in task order. */
export async function runPool(tasks: readonly CheckTask[], o: PoolOptions, onDone?: (o: CheckOutcome) => void): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    let w: Worker | undefined;
    let used = 0;
    try {
      while (next < tasks.length) {
        const i = next++;
        if (w === undefined || used >= TASKS_PER_WORKER) {
          if (w) await w.terminate();
          w = await spawn(o.heapMiB);
          used = 0;
        }
        used++;
        const r = await one(w, tasks[i]!, o.timeoutMs);
        if (r.verdict === "timeout" || r.verdict === "crashed") {
          await w.terminate();
          w = undefined;
        }
        out[i] = r;
        onDone?.(r);
      }
    } finally {
      if (w) await w.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.threads, tasks.length)) }, lane));
  return out;
}

/** A worker that has loaded mc's pipeline (the boot is not charged to the first task's time). */
function spawn(heapMiB: number): Promise<Worker> {
  const w = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: heapMiB } });
  return new Promise((resolve, reject) => {
    w.once("message", () => resolve(w));
    w.once("error", reject);
  });
}

/** One task on one worker: its outcome, "timeout" past the limit, or "crashed" if the thread died. */
function one(w: Worker, t: CheckTask, timeoutMs: number): Promise<CheckOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = (r: CheckOutcome): void => {
      clearTimeout(timer);
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
      resolve(r);
    };
    const lost = (verdict: "timeout" | "crashed", message: string): CheckOutcome => ({ id: t.id, verdict, distinct: 0, generated: 0, error: { code: verdict, message }, ms: performance.now() - started });
    const onMessage = (r: CheckOutcome): void => finish(r);
    const onError = (e: Error): void => finish(lost("crashed", e.message));
    const onExit = (): void => finish(lost("crashed", "the worker exited"));
    const timer = setTimeout(() => finish(lost("timeout", `no verdict within ${timeoutMs} ms`)), timeoutMs);
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    w.postMessage(t);
  });
}
