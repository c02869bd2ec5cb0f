// The "looks unbounded" warning (issue 18 §1) on the FOLL_PIN leak without a constraint: each
// pin/unpin cycle adds 1023 to the refcount, forever. Given once, through the listener and the
// result, naming the field that grows; --max-depth stops these runs.
import { describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import pin from "../fixtures/foll-pin-leak.js";

const leak = { file: "test/fixtures/foll-pin-leak.ts", constants: { BUGGY: true }, deadlock: false, invariants: ["NoUnderflow"] };

describe("the growth warning", () => {
  it("BFS: once, past 10,000 narrow levels, naming the growing field and pointing at constraints", async () => {
    const heard: string[] = [];
    const r = await check(pin as Spec<unknown>, { ...leak, maxDepth: 10_050 }, { onWarning: (w) => heard.push(w) });
    expect(r.verdict).toBe("bounded");
    expect(heard).toHaveLength(1);
    expect(r.warnings).toContain(heard[0]);
    expect(heard[0]).toMatch(/^the search is 10,001 levels deep, with at most 100 states in each of the last 1,000: the state space may be unbounded\. These state fields keep growing along the path: page\.refcount \(3,069,001 at depth 9,001, 3,409,661 at depth 10,001\)\. Bound it with a state constraint, e\.g\. constraints: /);
  });

  it("DFS: a deep stack is only a reason to look; the growing field makes the warning", async () => {
    const heard: string[] = [];
    const r = await check(pin as Spec<unknown>, { ...leak, strategy: "dfs", maxDepth: 10_050 }, { onWarning: (w) => heard.push(w) });
    expect(r.verdict).toBe("bounded");
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^the search is 10,001 states deep on the DFS stack: .* page\.refcount \(/);
  });

  it("not with a constraint that bounds the growth", async () => {
    const heard: string[] = [];
    const bounded = await check(pin as Spec<unknown>, { ...leak, constants: { BUGGY: true, BOUND: 1_000_000 } }, { onWarning: (w) => heard.push(w) });
    expect(bounded.verdict).toBe("bounded");
    expect(heard).toEqual([]);
  });
});
