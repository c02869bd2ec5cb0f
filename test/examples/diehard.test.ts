// Die Hard (tlaplus/Examples specifications/DieHard/DieHard.tla; its model checks INVARIANTS
// TypeOK NotSolved).
//
// What is published: specifications/DieHard/manifest.json (commit 1260cba15a9961be835519132f5dbbe8c69eafa4),
// modules[path = ".../DieHard.tla"].models[path = ".../DieHard.cfg"]: "result": "safety failure",
// with no state counts; DieHard.tla's closing comment says TLC's breadth-first search reports the
// shortest solution as the counterexample to NotSolved. The length of that trace (7 states:
// the initial state and 6 pours, ending with big = 4) and the full-space numbers below are mc's
// own, cross-checked by hand (the shortest solution is unique), not numbers taken from TLC.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/diehard.js";

describe("DieHard", () => {
  it("violates NotSolved; BFS gives the 6-pour solution", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { NotSolved: true } });
    expect(r.verdict).toBe("violation");
    expect(r.violation?.kind).toBe("invariant");
    expect(r.violation?.name).toBe("NotSolved");
    const trace = r.violation!.trace;
    expect(trace.length).toBe(7);
    expect(trace.map((t) => t.action)).toEqual([null, "FillBigJug", "BigToSmall", "EmptySmallJug", "BigToSmall", "FillBigJug", "BigToSmall"]);
    expect((trace[6]!.state as { big: number }).big).toBe(4);
  });

  it("DFS also finds a violation of NotSolved", async () => {
    const r = await check(spec, { strategy: "dfs", deadlock: true, constants: { NotSolved: true } });
    expect(r.verdict).toBe("violation");
    expect(r.violation?.name).toBe("NotSolved");
    expect((r.violation!.trace.at(-1)!.state as { big: number }).big).toBe(4);
  });

  it("without NotSolved: 16 reachable states, depth 8, no deadlock, for BFS and DFS alike", async () => {
    const bfs = await check(spec, { strategy: "bfs", deadlock: true, constants: { NotSolved: false } });
    expect(bfs.verdict).toBe("ok");
    expect(bfs.distinctStates).toBe(16);
    expect(bfs.generatedStates).toBe(97); // 1 initial + 6 successors from each of the 16 states
    expect(bfs.depth).toBe(8);
    const dfs = await check(spec, { strategy: "dfs", deadlock: true, constants: { NotSolved: false } });
    expect(dfs.distinctStates).toBe(16);
    expect(dfs.generatedStates).toBe(97);
  });
});
