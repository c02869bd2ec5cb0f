// Chameneos (tlaplus/Examples specifications/Chameneos/Chameneos.tla, model Chameneos.cfg:
// N = 4, M = 4, INVARIANTS TypeOK SumMet, CHECK_DEADLOCK FALSE).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/Chameneos/manifest.json (commit 44751ef1ecc8df8cc63c4b3b9ffddf9c5a7064f7),
//   modules[path = ".../Chameneos.tla"].models[path = ".../Chameneos.cfg"]:
//     "distinctStates": 34534, "totalStates": 104697, "stateDepth": 13
//   (the same values appear in the top-level manifest.json, commit 01323b81…).

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/chameneos.js";

describe("Chameneos (N = 4, M = 4)", () => {
  it("matches TLC: 34534 distinct, 104697 generated, depth 13", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: false, constants: { N: 4, M: 4 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(34534);
    expect(r.generatedStates).toBe(104697);
    expect(r.depth).toBe(13);
  });

  it("DFS finds the same 34534 states", async () => {
    const r = await check(spec, { strategy: "dfs", deadlock: false, constants: { N: 4, M: 4 } });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(34534);
    expect(r.generatedStates).toBe(104697);
  });

  it("stops in a deadlock once every chameneos has faded (why the cfg turns deadlock checking off)", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { N: 4, M: 4 } });
    expect(r.verdict).toBe("violation");
    expect(r.violation?.kind).toBe("deadlock");
    // 4 meetings of two steps each, then 4 fades: the deepest BFS level, 13 states.
    expect(r.violation?.trace.length).toBe(13);
  });
});
