// LiveHourClock (tlaplus/Examples specifications/SpecifyingSystems/Liveness/LiveHourClock.tla,
// model LiveHourClock.cfg: SPECIFICATION LSpec, PROPERTIES AlwaysTick AllTimes TypeInvariance).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/SpecifyingSystems/manifest.json (commit 32a32c7 of the repository's main),
//   modules[path = ".../Liveness/LiveHourClock.tla"].models[path = ".../LiveHourClock.cfg"]:
//     "result": "success", "distinctStates": 12, "totalStates": 24, "stateDepth": 1
// Without WF_hr(HCnxt) (SPECIFICATION HC, PROPERTIES AllTimes; TLC 2.18 run locally), TLC
// reports AllTimes violated by "State 1: <Initial predicate>" then "State 2: Stuttering".

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/live-hour-clock.js";

describe("LiveHourClock", () => {
  it("matches TLC: 12 distinct, 24 generated, depth 1", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(12);
    expect(r.generatedStates).toBe(24);
    expect(r.depth).toBe(1);
  });

  it("without WF_hr(HCnxt), AllTimes is violated by stuttering in an initial state", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { FAIR: "none" } });
    expect(r.violation?.kind).toBe("liveness");
    expect(r.violation?.name).toMatch(/^AllTimes\d+$/);
    expect(r.violation?.trace.length).toBe(1);
    expect(r.violation?.loop).toBe(0);
    expect(r.violation?.loopAction).toBeNull();
  });
});
