// TCommit (tlaplus/Examples specifications/transaction_commit/TCommit.tla, model TCommit.cfg).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/transaction_commit/manifest.json (commit 04e4315a56137fea95c9fd68a8b5f97671030e0d),
//   modules[path = ".../TCommit.tla"].models[path = ".../TCommit.cfg"]:
//     "distinctStates": 34, "totalStates": 94, "stateDepth": 7
//   (the same three values appear in the repository's top-level manifest.json, commit 01323b81…).
// The cfg says CHECK_DEADLOCK FALSE, hence deadlock: false.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/tcommit.js";

describe("TCommit (RM = {r1, r2, r3})", () => {
  it("matches TLC: 34 distinct, 94 generated, depth 7", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: false, constants: { RMs: 3 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(34);
    expect(r.generatedStates).toBe(94);
    expect(r.depth).toBe(7);
  });

  it("DFS finds the same 34 states", async () => {
    const r = await check(spec, { strategy: "dfs", deadlock: false, constants: { RMs: 3 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(34);
    expect(r.generatedStates).toBe(94);
  });

  it("with deadlock checking on (not the cfg's setting), reports the all-aborted end state", async () => {
    // Every behaviour ends when each RM has committed or aborted; the nearest such state under
    // BFS is three aborts away from the initial state.
    const r = await check(spec, { strategy: "bfs", deadlock: true });
    expect(r.verdict).toBe("violation");
    expect(r.violation?.kind).toBe("deadlock");
    expect(r.violation?.trace.map((t) => t.action)).toEqual([null, "DecideAbort", "DecideAbort", "DecideAbort"]);
  });
});
