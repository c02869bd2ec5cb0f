// Hand-built results for the HTML report's tests: a lasso (liveness) and a trace whose state
// text is hostile markup.
import { Map as IMap } from "immutable";
import type { CheckResult } from "../../src/result/result.js";

const base: Omit<CheckResult, "verdict"> = {
  spec: "fixtures/hand-built",
  file: undefined,
  distinctStates: 4,
  generatedStates: 9,
  depth: 4,
  strategy: "bfs",
  workers: 1,
  constants: {},
  durationMs: 12,
  collisionProbability: 0,
  storeBytes: 0,
};

/** 0 → 1 → 2 → 3 → back to 2, forever: the refcount never reaches 0. */
export const lasso: CheckResult = {
  ...base,
  verdict: "violation",
  violation: {
    kind: "liveness",
    name: "EventuallyFreed",
    trace: [0, 1, 2, 3].map((i) => ({ action: i === 0 ? null : i === 3 ? "Put" : "Get", state: IMap({ rc: [1, 2, 3, 2][i]!, pc: i }), ...(i > 0 ? { label: `step ${i}` } : {}) })),
    loop: 2,
    loopAction: "Get",
    counters: [{ name: "page0", values: [1, 2, 3, 2] }],
  },
};

export const HOSTILE = "<img src=x onerror=alert(1)>";
export const SCRIPT_END = "</script><script>alert(2)</script>";

export const hostile: CheckResult = {
  ...base,
  spec: `evil ${SCRIPT_END}`,
  verdict: "violation",
  violation: {
    kind: "invariant",
    name: `Inv${HOSTILE}`,
    trace: [
      { action: null, state: IMap({ text: "plain" }) },
      { action: "Write", label: `write ${HOSTILE}`, state: IMap({ text: HOSTILE }) },
      { action: "Close", state: IMap({ text: SCRIPT_END, [HOSTILE]: 1 }) },
    ],
    counters: [{ name: HOSTILE, values: [0, 1, 1] }],
  },
};

export const ok: CheckResult = { ...base, verdict: "ok" };
