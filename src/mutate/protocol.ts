// The messages between `mc mutate`'s pool and its child processes: one task, one outcome.

import type { ConstOverrides } from "../model/constants.js";

/** Iterations one execution of a loop may run in a mutant: no model's step loops this long, and a runaway loop that keeps what it builds (devpriv's Put with `t++ → t--`) stays far from the heap limit, where GC thrashing would make it a timeout. */
export const LOOP_BUDGET = 100_000;

export interface CheckTask {
  readonly id: number;
  /** The spec file in its mirror (the original, instrumented, or one mutant). */
  readonly file: string;
  readonly constants: ConstOverrides;
  readonly deadlock: boolean;
  readonly maxStates: number;
  /** Successors the mutant's actions may return in all (a deterministic budget, like maxStates). */
  readonly maxGenerated: number;
  /** Report which probes (instrumented sites) ran. */
  readonly probe: boolean;
}

export interface CheckOutcome {
  readonly id: number;
  /**
   * "error": the mutant made the spec break (an action threw, returned a non-state, ...);
   * "bounded": a deterministic budget stopped it (states, successors, one loop's iterations);
   * "heap": its child passed the heap limit; "timeout": the wall-clock safety net fired;
   * "crashed": its child died otherwise.
   */
  readonly verdict: "ok" | "violation" | "bounded" | "error" | "timeout" | "heap" | "crashed";
  /** bounded: which budget ("states", "successors", "loop"). */
  readonly budget?: string;
  readonly distinct: number;
  readonly generated: number;
  readonly violation?: { readonly kind: string; readonly name: string | null; readonly steps: number };
  readonly error?: { readonly code: string; readonly message: string };
  /** mc check's warnings (an action never enabled, a vacuous leadsTo). */
  readonly warnings?: readonly string[];
  /** Order-independent digest of the reachable fingerprints (ok and bounded runs). */
  readonly digest?: string;
  /** Probes hit by init, an action or the module's top level (the protocol). */
  readonly hits?: readonly number[];
  /** Probes hit only by invariants, properties or the view (the oracle and the presentation). */
  readonly oracleHits?: readonly number[];
  readonly ms: number;
  /** The search alone, without loading the spec. */
  readonly checkMs?: number;
}
