// The one place where partial user options become complete, validated options. The CLI and the
// API both go through resolveOptions, so a default or a bound is defined exactly once.

import { totalmem } from "node:os";
import type { ConstOverrides } from "../model/constants.js";
import type { Selection } from "../model/select.js";
import { McError } from "../result/errors.js";

export type Strategy = "bfs" | "dfs";

export interface CheckOptions {
  /** bfs (default; shortest traces) or dfs. */
  readonly strategy?: Strategy | string;
  /** Report a reachable state with no enabled action as a violation (default true, as TLC). */
  readonly deadlock?: boolean;
  readonly constants?: ConstOverrides;
  /** Worker threads; "auto" uses every core. Default 1. */
  readonly workers?: number | "auto";
  /** Stop after this many distinct states (the result is then "bounded", never "ok"). */
  readonly maxStates?: number;
  /** Do not expand states at this depth (1 = initial states only). */
  readonly maxDepth?: number;
  /** Milliseconds between progress reports to the listener. */
  readonly progressIntervalMs?: number;
  /** The spec's file, for messages (and for workers, which load it themselves). */
  readonly file?: string;
  /** Initial seen-set slots, a power of two (tuning and tests; it grows as needed). */
  readonly seenCapacity?: number;
  /**
   * With workers: explore nothing until every worker has loaded the spec, so that every level
   * runs on all of them (tests; by default this thread starts alone and they join as they come).
   */
  readonly workersFirst?: boolean;
  /** Stop with MC030 when the process's resident memory passes this many MiB. */
  readonly memoryMiB?: number;
  /** Report TLC's action coverage in the result (`coverage`). */
  readonly coverage?: boolean;
  /** Check only these invariants (--invariant NAME); with `properties`, nothing else. */
  readonly invariants?: readonly string[];
  /** Check only these temporal or action properties (--property NAME). */
  readonly properties?: readonly string[];
  /**
   * Stops the search between batches of states when aborted: the verdict is then
   * "interrupted", with the counts reached. The explorer yields to the event loop now and then
   * while a signal is given, so that whoever aborts it (the CLI's SIGINT handler) gets to run.
   */
  readonly signal?: AbortSignal;
  /** Reduce by the spec's declared symmetry (default true; --no-symmetry: false). */
  readonly symmetry?: boolean;
}

export interface ResolvedOptions {
  readonly strategy: Strategy;
  readonly deadlock: boolean;
  readonly constants: ConstOverrides;
  readonly workers: number;
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly progressIntervalMs: number;
  readonly file: string | undefined;
  readonly seenCapacity: number;
  readonly workersFirst: boolean;
  readonly memoryMiB: number;
  readonly coverage: boolean;
  /** The invariants and properties asked for by name; null: check them all. */
  readonly select: Selection | null;
  readonly signal: AbortSignal | undefined;
  readonly symmetry: boolean;
}

export function resolveOptions(o: CheckOptions, cores: number): ResolvedOptions {
  const strategy = o.strategy ?? "bfs";
  if (strategy !== "bfs" && strategy !== "dfs") {
    throw new McError("MC021", `--strategy ${String(strategy)}: the strategies are bfs (breadth-first, shortest traces; the default) and dfs (depth-first).`);
  }
  const workers = o.workers === "auto" ? cores : positiveInt("--workers", o.workers ?? 1);
  if (workers > 1 && strategy !== "bfs") {
    throw new McError("MC021", `--strategy dfs runs on one worker only; use --strategy bfs with --workers ${workers}.`);
  }
  return {
    strategy,
    deadlock: o.deadlock ?? true,
    constants: o.constants ?? {},
    workers,
    maxStates: o.maxStates === undefined ? Infinity : positiveInt("--max-states", o.maxStates),
    maxDepth: o.maxDepth === undefined ? Infinity : positiveInt("--max-depth", o.maxDepth),
    progressIntervalMs: o.progressIntervalMs ?? 3000,
    file: o.file,
    seenCapacity: powerOfTwo(o.seenCapacity ?? 1 << 20),
    workersFirst: o.workersFirst ?? false,
    // Default: 80% of the machine, so the budget trips before the kernel's OOM killer does.
    coverage: o.coverage ?? false,
    memoryMiB: o.memoryMiB === undefined ? Math.floor((totalmem() / 2 ** 20) * 0.8) : positiveInt("--memory", o.memoryMiB),
    select: o.invariants?.length || o.properties?.length ? { invariants: names("--invariant", o.invariants), properties: names("--property", o.properties) } : null,
    signal: o.signal,
    symmetry: o.symmetry ?? true,
  };
}

function names(flag: string, v: readonly string[] | undefined): string[] {
  const list = [...(v ?? [])];
  for (const n of list) if (typeof n !== "string" || n === "") throw new McError("MC024", `${flag} needs the name of one; got ${JSON.stringify(n)}.`);
  return list;
}

function positiveInt(flag: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new McError("MC023", `${flag} ${String(v)}: expected a whole number of at least 1.`);
  }
  return v;
}

function powerOfTwo(v: number): number {
  if (!Number.isInteger(v) || v < 16 || (v & (v - 1)) !== 0) throw new McError("MC023", `seenCapacity ${v}: expected a power of two, at least 16.`);
  return v;
}
