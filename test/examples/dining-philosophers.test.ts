// DiningPhilosophers (tlaplus/Examples specifications/DiningPhilosophers/DiningPhilosophers.tla,
// model DiningPhilosophers.cfg: NP = 5, INVARIANTS TypeOK ExclusiveAccess, PROPERTY NobodyStarves).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/DiningPhilosophers/manifest.json (commit 32a32c7 of the repository's main),
//   modules[path = ".../DiningPhilosophers.tla"].models[path = ".../DiningPhilosophers.cfg"]:
//     "result": "success", "distinctStates": 67, "totalStates": 336, "stateDepth": 29
// TLC 2.18 run locally on the same files gives the same counts and "No error has been found".
// Without fairness (Spec's WF_vars(Philosopher(self)) dropped; checked locally with TLC 2.18 and
// a module `SpecNoFair == Init /\ [][Next]_vars`), TLC reports NobodyStarves violated by a
// behaviour that ends in "Stuttering".

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/dining-philosophers.js";

describe("DiningPhilosophers (NP = 5)", () => {
  it("matches TLC: 67 distinct, 336 generated, depth 29", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(67);
    expect(r.generatedStates).toBe(336);
    expect(r.depth).toBe(29);
  });
});
