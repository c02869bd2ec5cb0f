// Types of spawn-worker.js (plain JavaScript: bin/mc.js runs it before tsx is loaded).
import type { Worker } from "node:worker_threads";

export interface Spawned {
  readonly worker: Worker;
  /** An error the worker hit while nobody listened yet (loading the spec, above all). */
  error?: unknown;
}

export function prewarmed(): Map<string, Spawned[]>;
export function spawnWorker(file: string): Spawned;
export function prewarmWorkers(file: string, count: number): void;
export function releasePrewarmed(): void;
