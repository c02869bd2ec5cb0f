// checkSpec(): mc from a user's own code and tests. Takes a spec (or its file) and the options
// the CLI flags give, and resolves to the object `mc check --json` prints (states in toJS form).

import { check } from "../explore/check.js";
import type { CheckOptions } from "../explore/options.js";
import type { ConstOverrides } from "../model/constants.js";
import { loadSpec } from "../model/load-spec.js";
import type { CheckResult, CounterTimeline, FairnessNote } from "../result/result.js";
import { McError } from "../result/errors.js";
import { plain, toJson } from "../report/json.js";
import type { Spec } from "../spec/types.js";

/** The options of `mc check`, by their flag names. */
export interface CheckSpecOptions {
  readonly constants?: ConstOverrides;
  readonly strategy?: "bfs" | "dfs";
  readonly workers?: number | "auto";
  readonly deadlock?: boolean;
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** Memory budget in MiB. */
  readonly memory?: number;
  /** Check only these invariants (--invariant NAME); with `properties`, only those named. */
  readonly invariants?: readonly string[];
  /** Check only these temporal or action properties (--property NAME). */
  readonly properties?: readonly string[];
}

/** Every option checkSpec knows: anything else is a mistake worth an error, never ignored. */
const OPTIONS = ["constants", "strategy", "workers", "deadlock", "maxStates", "maxDepth", "memory", "invariants", "properties"] as const satisfies readonly (keyof CheckSpecOptions)[];

export interface CheckSpecStep {
  readonly action: string | null;
  readonly state: unknown;
  /** The step in the spec's own terms (its view's describeStep), when it has one. */
  readonly label?: string;
}

/** What `mc check --json` prints (plus the lasso fields of a liveness violation). */
export interface CheckSpecResult {
  readonly spec: string;
  readonly verdict: CheckResult["verdict"];
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly depth: number;
  readonly violation?: {
    readonly kind: "invariant" | "deadlock" | "liveness" | "action";
    readonly name: string | null;
    readonly trace: readonly CheckSpecStep[];
    readonly loop?: number;
    readonly loopAction?: string | null;
    /** The spec's view counters along the trace (refcounts), when it has them. */
    readonly counters?: readonly CounterTimeline[];
    readonly fairness?: readonly FairnessNote[];
  };
  readonly bound?: string;
  /** With state constraints: the states outside each (any non-zero makes the verdict "bounded"). */
  readonly constrained?: { readonly [constraint: string]: number };
  readonly terminalStates?: number;
  /** The invariants and properties checked; `selected` when options named them. */
  readonly invariants?: readonly string[];
  readonly properties?: readonly string[];
  readonly selected?: boolean;
  readonly warnings: readonly string[];
  readonly strategy: "bfs" | "dfs";
  readonly workers: number;
  readonly constants: CheckResult["constants"];
  readonly timeMs: number;
  readonly collisionProbability: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec of any state type
export async function checkSpec(specOrFile: Spec<any> | string, options: CheckSpecOptions = {}): Promise<CheckSpecResult> {
  for (const k of Object.keys(options ?? {})) {
    if (!(OPTIONS as readonly string[]).includes(k)) {
      throw new McError("MC076", `checkSpec(${typeof specOrFile === "string" ? JSON.stringify(specOrFile) : "spec"}, { ${k}: ... }): no option '${k}'; the options are ${OPTIONS.join(", ")} (the flags of mc check).`);
    }
  }
  const file = typeof specOrFile === "string" ? specOrFile : undefined;
  const spec = file !== undefined ? await loadSpec(file) : (specOrFile as Spec<unknown>);
  const opts: CheckOptions = {
    ...(options.constants ? { constants: options.constants } : {}),
    ...(options.strategy ? { strategy: options.strategy } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.deadlock !== undefined ? { deadlock: options.deadlock } : {}),
    ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    ...(options.memory !== undefined ? { memoryMiB: options.memory } : {}),
    ...(options.invariants !== undefined ? { invariants: options.invariants } : {}),
    ...(options.properties !== undefined ? { properties: options.properties } : {}),
    ...(file !== undefined ? { file } : {}),
  };
  return toResultObject(await check(spec, opts));
}

export function toResultObject(r: CheckResult): CheckSpecResult {
  const j = toJson(r) as CheckSpecResult;
  const v = r.violation;
  if (!v) return j;
  return {
    ...j,
    violation: {
      kind: v.kind,
      name: v.name,
      trace: v.trace.map((t) => ({ action: t.action, state: plain(t.state), ...(t.label !== undefined && t.label !== t.action ? { label: t.label } : {}) })),
      ...(v.loop !== undefined ? { loop: v.loop, loopAction: v.loopAction ?? null } : {}),
      ...(v.counters ? { counters: v.counters } : {}),
      ...(v.fairness ? { fairness: v.fairness } : {}),
    },
  };
}
