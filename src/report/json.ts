// The --json form of a result: exactly one object on stdout, trace states in their toJS() form.

import { isImmutable } from "immutable";
import type { ErrorCode } from "../result/errors.js";
import type { CheckResult } from "../result/result.js";

export function toJson(r: CheckResult): object {
  return {
    spec: r.spec,
    verdict: r.verdict,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    ...(r.violation
      ? {
          violation: {
            kind: r.violation.kind,
            name: r.violation.name,
            trace: r.violation.trace.map((t) => ({ action: t.action, state: plain(t.state) })),
            ...(r.violation.loop !== undefined ? { loop: r.violation.loop, loopAction: r.violation.loopAction ?? null } : {}),
            ...(r.violation.fairness ? { fairness: r.violation.fairness } : {}),
            ...(r.violation.ledger ? { ledger: r.violation.ledger } : {}),
          },
        }
      : {}),
    ...(r.bound !== undefined ? { bound: r.bound } : {}),
    ...(r.constrained ? { constrained: r.constrained } : {}),
    ...(r.terminalStates !== undefined ? { terminalStates: r.terminalStates } : {}),
    ...(r.invariants ? { invariants: r.invariants } : {}),
    ...(r.properties ? { properties: r.properties } : {}),
    ...(r.selected ? { selected: true } : {}),
    strategy: r.strategy,
    workers: r.workers,
    constants: r.constants,
    ...(r.symmetry ? { symmetry: r.symmetry } : {}),
    timeMs: Math.round(r.durationMs),
    collisionProbability: r.collisionProbability,
    warnings: r.warnings ?? [],
    ...(r.coverage ? { coverage: r.coverage } : {}),
  };
}

export function errorJson(file: string | undefined, code: ErrorCode, message: string): object {
  return { spec: file ?? null, verdict: "error", error: { code, message } };
}

/** A state in its toJS() form, as JSON output and results/ show it. */
export function plain(s: unknown): unknown {
  return isImmutable(s) ? (s as { toJS(): unknown }).toJS() : s;
}
