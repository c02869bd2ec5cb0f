// Starts the worker threads of a parallel check and keeps those started ahead of it. Plain
// JavaScript so that bin/mc.js can start them for `mc check <spec> --workers N` before it loads
// tsx and the CLI (cli/early-start.js): a worker then loads tsx and the spec beside that start-up.
import { Worker } from "node:worker_threads";

const BOOT = new URL("./worker-boot.js", import.meta.url);
/**
 * A worker's young generation. At 12 MiB (to keep the heap near its live size) a worker
 * scavenged 2.5 times as often as the main thread for the same work, and spent more in it, each
 * scavenge paying for the roots and the old-to-new slots whatever it finds alive: devpriv P=4 T=8,
 * 2 workers, node --trace-gc, worker scavenges 2,146 taking 2.2 s and 2,063 taking 3.1 s, against
 * 1,104 taking 1.5 s and 1,196 taking 1.0 s at 48 MiB, V8's default for the main thread (shared
 * machine, load 7). 48 MiB put devpriv P=5 T=8 at 594 MiB peak RSS (target < 600): 32.
 */
const YOUNG_MIB = 32;
/** Workers started ahead of a check, by spec file, with any error they hit while loading: one
 * registry per process, whichever copy of this module (bin/mc.js's or the CLI's) started them. */
const KEY = Symbol.for("mc.prewarmed-workers");

/** @returns {Map<string, { worker: Worker; error?: unknown }[]>} */
export function prewarmed() {
  return (globalThis[KEY] ??= new Map());
}

export function spawnWorker(file) {
  const entry = { worker: new Worker(BOOT, { workerData: { file }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MIB } }) };
  entry.worker.on("error", (e) => (entry.error = e));
  return entry;
}

/**
 * Starts `count` workers loading `file` before the check itself, unreferenced (a check that never
 * starts must not keep the process alive); the check's pool takes them over.
 */
export function prewarmWorkers(file, count) {
  const list = prewarmed().get(file) ?? [];
  while (list.length < count) {
    const e = spawnWorker(file);
    e.worker.unref();
    list.push(e);
  }
  prewarmed().set(file, list);
}

/** Stops prewarmed workers a check did not use. */
export function releasePrewarmed() {
  for (const list of prewarmed().values()) for (const e of list) void e.worker.terminate();
  prewarmed().clear();
}
