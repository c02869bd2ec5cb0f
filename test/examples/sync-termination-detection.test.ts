// SyncTerminationDetection (tlaplus/Examples specifications/ewd840/SyncTerminationDetection.tla,
// model SyncTerminationDetection.cfg: N = 7, INVARIANTS TypeOK TDCorrect, PROPERTIES Quiescence
// Liveness).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/ewd840/manifest.json (commit 32a32c7 of the repository's main),
//   modules[path = ".../SyncTerminationDetection.tla"].models[path = ".../SyncTerminationDetection.cfg"]:
//     "result": "success", "distinctStates": 129, "totalStates": 3722, "stateDepth": 1
// TLC 2.18 run locally gives the same. Without WF_vars(DetectTermination): Liveness violated,
// "State 1: <Initial predicate>" (all nodes passive, not detected) then "State 2: Stuttering".

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/sync-termination-detection.js";

describe("SyncTerminationDetection (N = 7)", () => {
  it("matches TLC: 129 distinct, 3722 generated, depth 1", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(129);
    expect(r.generatedStates).toBe(3722);
    expect(r.depth).toBe(1);
  });

  it("without WF_vars(DetectTermination), Liveness is violated by stuttering in an initial state", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { FAIR: "none" } });
    expect(r.violation?.kind).toBe("liveness");
    expect(r.violation?.name).toBe("Liveness");
    expect(r.violation?.trace.length).toBe(1);
    expect(r.violation?.loopAction).toBeNull();
  });

  it("Quiescence, an action property, holds on every step", async () => {
    // every reachable step keeps a terminated ring terminated (no Wakeup from a passive node)
    const r = await check(spec, { strategy: "bfs", deadlock: true, properties: ["Quiescence"] });
    expect(r.verdict).toBe("ok");
  });
});
