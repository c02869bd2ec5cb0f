// Actions that iterate Sets and Maps: successor k must be the same successor in the search, the
// trace replay, the workers and DFS (issue 8: a false MC014 on a deterministic spec). For every
// collection kind, with 1 and 2 workers and both strategies: a trace comes out and replays, and
// the counts agree with each other and with a plain BFS over Immutable.is.
import { is, Set as ISet } from "immutable";
import { describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import { compile } from "../../src/model/compile.js";
import { successorsOf } from "../../src/model/successors.js";
import spec from "../fixtures/iterated-collections.js";
import setIter from "../fixtures/set-iter.js";
import setLasso from "../fixtures/set-lasso.js";
import { assertValidLasso } from "../support/lasso.js";
import { mc } from "../helpers.js";

const file = "test/fixtures/iterated-collections.ts";
const KINDS = ["set", "map", "orderedSet", "orderedMap", "nested", "record"];
const runs = [
  { strategy: "bfs", workers: 1 },
  { strategy: "bfs", workers: 2 },
  { strategy: "dfs", workers: 1 },
] as const;

/** Distinct and generated states by a plain BFS that knows nothing of mc's encoding. */
function plainCounts(KIND: string): { distinct: number; generated: number } {
  const m = compile(spec as Spec<unknown>, { KIND, CHECK: false });
  const move = (x: unknown): unknown[] => [...successorsOf(m.actions[0]!(x))];
  let seen = ISet<unknown>();
  let generated = 0;
  let frontier: unknown[] = [];
  for (const x of m.init) {
    generated++;
    if (!seen.has(x)) frontier.push(x);
    seen = seen.add(x);
  }
  while (frontier.length > 0) {
    const next: unknown[] = [];
    for (const x of frontier) {
      for (const y of move(x)) {
        generated++;
        if (!seen.has(y)) next.push(y);
        seen = seen.add(y);
      }
    }
    frontier = next;
  }
  return { distinct: seen.size, generated };
}

describe("actions iterating Sets and Maps", () => {
  it("the issue's SetIter spec prints its counterexample", async () => {
    const r = await mc("check", "test/fixtures/set-iter.ts", "--no-typecheck");
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ Invariant NoZero is violated after 4 steps.");
    const res = await check(setIter as Spec<unknown>, { strategy: "dfs" });
    expect(res.verdict).toBe("violation");
  });

  it("a lasso through Sets built in different orders replays (no false MC014), with 1 and 2 workers", async () => {
    for (const workers of [1, 2]) {
      const r = await check(setLasso as Spec<unknown>, { deadlock: false, workers, file: "test/fixtures/set-lasso.ts" });
      expect(r.violation?.kind).toBe("liveness");
      assertValidLasso(setLasso as Spec<unknown>, r);
    }
  });

  for (const KIND of KINDS) {
    it(`${KIND}: a trace on every run, each a behaviour of the spec ending in a violation`, async () => {
      const results = [];
      for (const o of runs) {
        const r = await check(spec as Spec<unknown>, { ...o, file, constants: { KIND } });
        expect(r.verdict).toBe("violation");
        const trace = r.violation!.trace;
        const m = compile(spec as Spec<unknown>, { KIND });
        expect(m.init.some((x) => is(x, trace[0]!.state))).toBe(true);
        for (let i = 1; i < trace.length; i++) expect([...successorsOf(m.actions[0]!(trace[i - 1]!.state))].some((y) => is(y, trace[i]!.state))).toBe(true);
        expect(m.invariants[0]!(trace.at(-1)!.state)).toBe(false);
        results.push({ ...r, durationMs: 0, workers: 0, storeBytes: 0, strategy: "" });
      }
      expect(results[1]).toEqual(results[0]); // 2 workers: the same result, trace included
      expect(results[0]!.violation!.trace).toHaveLength(5); // BFS: the shortest
    });

    it(`${KIND}: every run counts the states a plain BFS over Immutable.is counts`, async () => {
      const want = plainCounts(KIND);
      for (const o of runs) {
        const r = await check(spec as Spec<unknown>, { ...o, file, deadlock: false, constants: { KIND, CHECK: false } });
        expect({ verdict: r.verdict, distinct: r.distinctStates, generated: r.generatedStates }).toEqual({ verdict: "ok", ...want });
      }
    });
  }
});
