// The search on tiny models whose counts are known by hand: distinct and generated states,
// TLC's depth, shortest traces, deadlock, bounds, and BFS/DFS agreement.
import { describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import counter from "../fixtures/counter.js";
import grid from "../fixtures/grid.js";
import jugs from "../fixtures/jugs.js";
import sets from "../fixtures/sets.js";

describe("counts by hand", () => {
  it("a counter mod N has N states, N+1 generated (init + one successor each), depth N", async () => {
    for (const N of [1, 2, 7]) {
      const r = await check(counter, { constants: { N } });
      expect(r).toMatchObject({ verdict: "ok", distinctStates: N, generatedStates: N + 1, depth: N });
    }
  });

  it("a W×W grid has W² states; generated = 1 + Σ moves = 1 + 4W(W−1); depth 2(W−1)+1", async () => {
    for (const W of [2, 3, 5]) {
      const r = await check(grid, { constants: { W } });
      expect(r).toMatchObject({ verdict: "ok", distinctStates: W * W, generatedStates: 1 + 4 * W * (W - 1), depth: 2 * (W - 1) + 1 });
    }
  });

  it("jugs 3/5 without a goal: 16 states, 97 generated, depth 8 (as TLC's DieHard)", async () => {
    const r = await check(jugs, { constants: { GOAL: 99 } });
    expect(r).toMatchObject({ verdict: "ok", distinctStates: 16, generatedStates: 97, depth: 8 });
  });

  it("Maps and Sets built in different orders are the same state: 2^N subsets", async () => {
    const r = await check(sets, { constants: { N: 4 } });
    expect(r.distinctStates).toBe(16);
    // each subset of size k has k removes and N-k adds
    expect(r.generatedStates).toBe(1 + 16 * 4);
  });
});

describe("violations", () => {
  it("BFS finds the shortest trace: grid target (2,1) is 3 steps away", async () => {
    const r = await check(grid, { constants: { W: 4, TX: 2, TY: 1 } });
    expect(r.verdict).toBe("violation");
    expect(r.violation!.name).toBe("NotTarget");
    expect(r.violation!.trace).toHaveLength(4);
    expect(r.depth).toBe(4);
    expect(r.violation!.trace[0]!.action).toBeNull();
    expect(r.violation!.trace.at(-1)!.state).toMatchObject({ x: 2, y: 1 });
  });

  it("the jugs puzzle is solved in 6 steps, the known shortest solution", async () => {
    const r = await check(jugs);
    expect(r.violation!.trace.map((t) => t.action)).toEqual([null, "FillBig", "BigToSmall", "EmptySmall", "BigToSmall", "FillBig", "BigToSmall"]);
  });

  it("an initial state that breaks an invariant gives a one-state trace", async () => {
    const r = await check(grid, { constants: { TX: 0, TY: 0 } });
    expect(r).toMatchObject({ verdict: "violation", depth: 1, distinctStates: 1 });
    expect(r.violation!.trace).toHaveLength(1);
  });

  it("a state with no enabled action is a deadlock unless deadlock checking is off", async () => {
    const r = await check(counter, { constants: { N: 5, DEADLOCK_AT: 3 } });
    expect(r.verdict).toBe("violation");
    expect(r.violation).toMatchObject({ kind: "deadlock", name: null });
    expect(r.violation!.trace.map((t) => t.state)).toEqual([0, 1, 2, 3]);
    const off = await check(counter, { constants: { N: 5, DEADLOCK_AT: 3 }, deadlock: false });
    expect(off).toMatchObject({ verdict: "ok", distinctStates: 4, generatedStates: 4, depth: 4 });
  });

  it("DFS also finds the violation, with a valid (not necessarily shortest) trace", async () => {
    const r = await check(grid, { strategy: "dfs", constants: { W: 4, TX: 3, TY: 3 } });
    expect(r.verdict).toBe("violation");
    const t = r.violation!.trace;
    expect(t.at(-1)!.state).toMatchObject({ x: 3, y: 3 });
    expect(t.length).toBeGreaterThanOrEqual(7);
  });
});

describe("strategies and determinism", () => {
  it("BFS and DFS find the same distinct and generated states on every fixture", async () => {
    const cases = [
      [grid, { W: 6 }],
      [jugs, { GOAL: 99 }],
      [sets, { N: 5 }],
      [counter, { N: 9 }],
    ] as unknown as [Spec<unknown>, { [k: string]: number }][];
    for (const [spec, constants] of cases) {
      const b = await check(spec, { constants });
      const d = await check(spec, { constants, strategy: "dfs" });
      expect([d.distinctStates, d.generatedStates]).toEqual([b.distinctStates, b.generatedStates]);
    }
  });

  it("two runs give the same counts and the same trace", async () => {
    const a = await check(jugs);
    const b = await check(jugs);
    expect(JSON.stringify(b.violation)).toBe(JSON.stringify(a.violation));
    expect([b.distinctStates, b.generatedStates]).toEqual([a.distinctStates, a.generatedStates]);
  });
});

describe("bounds", () => {
  it("--max-states stops early and says bounded, never ok", async () => {
    const r = await check(grid, { constants: { W: 5 }, maxStates: 7 });
    expect(r).toMatchObject({ verdict: "bounded", distinctStates: 7 });
  });

  it("--max-depth does not expand states at that depth", async () => {
    const r = await check(counter, { constants: { N: 10 }, maxDepth: 3 });
    expect(r).toMatchObject({ verdict: "bounded", distinctStates: 3, depth: 3 });
  });

  it("a bound that is never reached leaves the verdict ok", async () => {
    const r = await check(counter, { constants: { N: 4 }, maxDepth: 10, maxStates: 10 });
    expect(r.verdict).toBe("ok");
  });
});
