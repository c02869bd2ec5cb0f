// `import "mc/vitest"` registers mc's vitest matchers, as jest-dom does: expect(result).toHold()
// and expect(result).toViolate(name, { steps }) on what checkSpec resolves to. A failure prints
// the counterexample as `mc check` does.

import { expect } from "vitest";
import type { CheckSpecResult } from "./api/check-spec.js";
import { formatTrace, violationTail } from "./report/text.js";
import type { Violation } from "./result/result.js";
import { styleFor } from "./report/style.js";

interface ViolateOptions {
  /** The trace's length − 1 (the number of steps). */
  readonly steps?: number;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> {
    /** The check found no violation and was complete (verdict "ok"). */
    toHold(): void;
    /** The check found a violation of `name` (an invariant or property; "deadlock" for a deadlock). */
    toViolate(name: string, options?: ViolateOptions): void;
  }
}

function isResult(r: unknown): r is CheckSpecResult {
  return typeof r === "object" && r !== null && "verdict" in r && "distinctStates" in r;
}

function describe(r: CheckSpecResult): string {
  const v = r.violation;
  if (r.verdict === "ok") return `mc found no violation in ${r.distinctStates} distinct states`;
  if (!v) return `the check is ${r.verdict}${r.bound ? ` (${r.bound})` : ""} after ${r.distinctStates} states`;
  const steps = v.trace.length - 1;
  const what = v.kind === "deadlock" ? "a deadlock" : `${v.kind} ${v.name} violated`;
  const style = styleFor(false);
  // the trace as mc check prints it: the spec's describeStep labels, a lasso's close and
  // fairness, and the counter timeline
  const tail = violationTail(v as Violation, style).join("\n").trimEnd();
  return `mc found ${what} after ${steps} step${steps === 1 ? "" : "s"}:\n\n${formatTrace(v.trace, style, v.loop).join("\n")}${tail ? `\n\n${tail}` : ""}`;
}

const notAResult = (r: unknown) => ({ pass: false, message: () => `expected the result of checkSpec(), got ${typeof r === "object" ? JSON.stringify(r)?.slice(0, 200) : String(r)}` });

expect.extend({
  toHold(received: unknown) {
    if (!isResult(received)) return notAResult(received);
    const pass = received.verdict === "ok";
    return { pass, message: () => (pass ? `expected a violation, but ${describe(received)}` : `expected ${received.spec} to hold, but ${describe(received)}`) };
  },
  toViolate(received: unknown, name: string, options: ViolateOptions = {}) {
    if (!isResult(received)) return notAResult(received);
    const v = received.violation;
    const found = v !== undefined && (v.name === name || (v.kind === "deadlock" && name === "deadlock"));
    const stepsOk = options.steps === undefined || (v !== undefined && v.trace.length - 1 === options.steps);
    const pass = found && stepsOk;
    const want = `${name}${options.steps !== undefined ? ` after ${options.steps} steps` : ""}`;
    return { pass, message: () => (pass ? `expected ${received.spec} not to violate ${want}, but ${describe(received)}` : `expected ${received.spec} to violate ${want}, but ${describe(received)}`) };
  },
});
