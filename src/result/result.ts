// The result of a check: plain data that reporters turn into text or JSON. A violation is a
// result, not an exception.

import type { ConstValue } from "../spec/types.js";

/** "interrupted": SIGINT/SIGTERM stopped the run; the counts are those reached. */
export type Verdict = "ok" | "violation" | "bounded" | "interrupted";

export interface TraceStep {
  /** The action that produced this state; null for the initial state. */
  readonly action: string | null;
  readonly state: unknown;
  /** The step in the spec's own terms (its view's describeStep), e.g. `put_page(page0) by gup2`. */
  readonly label?: string;
}

/** A named counter (a refcount) along a trace: its value after each step. */
export interface CounterTimeline {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

export interface Violation {
  readonly kind: "invariant" | "deadlock" | "liveness" | "action";
  /** The violated invariant or property; null for a deadlock. */
  readonly name: string | null;
  readonly trace: readonly TraceStep[];
  /** A lasso (kind "liveness"): after trace[n-1] the behaviour goes back to trace[loop], forever. */
  readonly loop?: number;
  /** The action of the step from trace[n-1] back to trace[loop]; null for a stuttering step. */
  readonly loopAction?: string | null;
  /** From the spec's view, when it has counters. */
  readonly counters?: readonly CounterTimeline[];
  /** A lasso: why fairness does not rescue it, per action with a fairness entry. */
  readonly fairness?: readonly FairnessNote[];
  /** Who holds which reference along the trace (from the view's counters or refs). */
  readonly ledger?: Ledger;
}

/** One reference along a counterexample: where it was taken and where (if ever) dropped. */
export interface LedgerRow {
  readonly counter: string;
  readonly kind: "get" | "pin" | "pgmap ref" | "mapping" | "initial";
  /** The step that took it; 0 for a reference already held in the initial state. */
  readonly takenAt: number;
  readonly takenBy: string;
  readonly takeCall: string;
  /** The step that dropped it; null: never dropped. */
  readonly droppedAt: number | null;
  readonly droppedBy?: string;
  readonly dropCall?: string;
}

/** A drop that matches no reference held: twice by the same holder, or by a step that took none. */
export interface LedgerAnomaly {
  readonly counter: string;
  readonly step: number;
  readonly actor: string;
  readonly call: string;
  readonly what: "dropped twice" | "dropped, never taken";
  /** For "dropped twice": the step that already dropped the actor's reference. */
  readonly earlier?: number;
}

/** The holder ledger of a refcount counterexample, and the sentence that names the culprit. */
export interface Ledger {
  readonly rows: readonly LedgerRow[];
  readonly anomalies: readonly LedgerAnomaly[];
  readonly sentence: string;
  /** The step the sentence blames, its actor and the counter: null when no reference moved. */
  readonly culprit: { readonly step: number; readonly actor: string; readonly counter: string } | null;
}

/** How one fair action fares on a lasso's cycle. */
export interface FairnessNote {
  readonly action: string;
  readonly kind: "weak" | "strong";
  /** Whether it is enabled (has a successor other than the state) on the cycle's states. */
  readonly enabled: "everywhere" | "somewhere" | "never";
  /** Whether some step of the cycle is a step of it. */
  readonly taken: boolean;
}

export interface CheckResult {
  readonly spec: string;
  readonly file: string | undefined;
  readonly verdict: Verdict;
  readonly distinctStates: number;
  readonly generatedStates: number;
  /** TLC's depth: states on the longest shortest path (BFS), or the deepest DFS stack; the trace length for a violation. */
  readonly depth: number;
  readonly violation?: Violation;
  /** Why a bounded run stopped early, or that it held only within the spec's state constraints. */
  readonly bound?: string;
  /**
   * A spec with state constraints, after a complete search: per constraint, the states outside
   * it (checked, not expanded). Any of them non-zero makes the verdict "bounded".
   */
  readonly constrained?: { readonly [constraint: string]: number };
  /** A spec with terminal predicates: the states with no successor that are intended ends. */
  readonly terminalStates?: number;
  /** "simulate": random walks (mc simulate), never a complete search. */
  readonly strategy: "bfs" | "dfs" | "simulate";
  readonly workers: number;
  readonly constants: { readonly [name: string]: ConstValue };
  readonly durationMs: number;
  /** TLC's optimistic estimate of a fingerprint collision: distinct × (generated − distinct) / 2^64. */
  readonly collisionProbability: number;
  /** Peak bytes held by the seen-set, parent links and frontier (and the state graph). */
  readonly storeBytes: number;
  /** The invariants this run checked (all the spec's, or those --invariant named). */
  readonly invariants?: readonly string[];
  /** True when --invariant/--property narrowed what was checked (the rest was not). */
  readonly selected?: boolean;
  /** The temporal and action properties this run checked (none: the field is absent). */
  readonly properties?: readonly string[];
  /**
   * Things that are almost always a spec bug but not a violation: an action never enabled,
   * a leadsTo whose left side never holds, a fair action never enabled (vacuity).
   */
  readonly warnings?: readonly string[];
  /** TLC's action coverage, when asked for (check's `coverage` option). */
  readonly coverage?: Coverage;
  /** A result that is not a check's says what it is (mc validate's behaviour); reports show it as the verdict line. */
  readonly headline?: string;
  /** The symmetric sets the search reduced by, with their sizes; absent without symmetry. */
  readonly symmetry?: { readonly [set: string]: number };
}

/**
 * Per action: states in which it was enabled, successors it generated, and new distinct states
 * it found first; per invariant: states it was evaluated on. Counted in one-worker order, so the
 * numbers are the same for every number of workers.
 */
export interface Coverage {
  readonly actions: readonly { readonly name: string; readonly enabled: number; readonly generated: number; readonly distinct: number }[];
  readonly invariants: readonly { readonly name: string; readonly evaluated: number }[];
}

export interface Progress {
  readonly distinct: number;
  readonly generated: number;
  readonly frontier: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly storeBytes: number;
}

/** What the explorer tells whoever is listening while it runs; it never prints. */
export interface CheckListener {
  onStart?(info: { spec: string; strategy: string; workers: number; constants: { readonly [k: string]: ConstValue } }): void;
  onProgress?(p: Progress): void;
  /** A warning while the search runs (e.g. that it looks unbounded); it is in the result's `warnings` too. */
  onWarning?(message: string): void;
}

export function collisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(0, generated - distinct)) / 2 ** 64;
}
