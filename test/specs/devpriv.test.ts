// devpriv, the benchmark reference model: its exact counts are cross-checked against TLC, SPIN,
// rumur and a naive BFS (shared/bench/devpriv.md), so any drift is a checker or spec bug.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import devpriv from "../../specs/devpriv.js";

describe("devpriv", () => {
  for (const strategy of ["bfs", "dfs"] as const) {
    it(`P=2 T=3: 44 distinct, 187 generated (${strategy})`, async () => {
      const r = await check(devpriv, { strategy, deadlock: true });
      expect(r.verdict).toBe("ok");
      expect([r.distinctStates, r.generatedStates]).toEqual([44, 187]);
      if (strategy === "bfs") expect(r.depth).toBe(6);
    });
    it(`P=3 T=6: 6,476 distinct, 61,057 generated (${strategy})`, async () => {
      const r = await check(devpriv, { strategy, deadlock: true, constants: { P: 3, T: 6 } });
      expect(r.verdict).toBe("ok");
      expect([r.distinctStates, r.generatedStates]).toEqual([6476, 61057]);
      if (strategy === "bfs") expect(r.depth).toBe(11);
    });
  }
});
