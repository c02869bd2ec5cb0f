// Cigarette smokers (tlaplus/Examples specifications/CigaretteSmokers/CigaretteSmokers.tla, model
// CigaretteSmokers.cfg: three ingredients, three offers, INVARIANTS TypeOK AtMostOne; deadlock
// checking on, as the cfg has no CHECK_DEADLOCK line).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/CigaretteSmokers/manifest.json (commit 0e018bcffe93c775c5c8ec30989065d9d4eabfc1),
//   modules[path = ".../CigaretteSmokers.tla"].models[path = ".../CigaretteSmokers.cfg"]:
//     "distinctStates": 6, "totalStates": 15, "stateDepth": 2
//   (the same values appear in the top-level manifest.json, commit 01323b81…).

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/cigarette-smokers.js";

describe("Cigarette smokers", () => {
  it("matches TLC: 6 distinct, 15 generated, depth 2, no deadlock", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(6);
    expect(r.generatedStates).toBe(15);
    expect(r.depth).toBe(2);
  });

  it("DFS finds the same 6 states", async () => {
    const r = await check(spec, { strategy: "dfs", deadlock: true });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(6);
    expect(r.generatedStates).toBe(15);
  });
});
