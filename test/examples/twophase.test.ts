// TwoPhase (tlaplus/Examples specifications/transaction_commit/TwoPhase.tla, model TwoPhase.cfg).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/transaction_commit/manifest.json (commit 04e4315a56137fea95c9fd68a8b5f97671030e0d),
//   modules[path = ".../TwoPhase.tla"].models[path = ".../TwoPhase.cfg"]:
//     "distinctStates": 288, "totalStates": 1146, "stateDepth": 11
//   (the same values appear in the top-level manifest.json, commit 01323b81…).
// The cfg leaves deadlock checking on (no CHECK_DEADLOCK line), hence deadlock: true.
// Six RMs: the closing comment of specifications/transaction_commit/TwoPhase.tla (commit
// c8c915939720cb382af2da296c1fb1a8e690ee97) says TLC checked "six RMs, a configuration with
// 50816 reachable states"; that run gives only the distinct count. It takes mc about 3 s alone
// (more under a parallel test run), so it runs only when MC_EXAMPLES_LARGE is set.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/twophase.js";

describe("TwoPhase (RM = {r1, r2, r3})", () => {
  it("matches TLC: 288 distinct, 1146 generated, depth 11, no deadlock", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { RMs: 3 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(288);
    expect(r.generatedStates).toBe(1146);
    expect(r.depth).toBe(11);
  });

  it("DFS finds the same 288 states", async () => {
    const r = await check(spec, { strategy: "dfs", deadlock: true, constants: { RMs: 3 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(288);
    expect(r.generatedStates).toBe(1146);
  });

  it.skipIf(!process.env.MC_EXAMPLES_LARGE)("six RMs: 50816 reachable states, as TwoPhase.tla reports", { timeout: 60_000 }, async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { RMs: 6 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(50816);
  });
});
