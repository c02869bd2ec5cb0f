// EWD840 (tlaplus/Examples specifications/ewd840/EWD840.tla, model EWD840.cfg: N = 3,
// CHECK_DEADLOCK FALSE, INVARIANTS TypeOK TerminationDetection Inv, PROPERTIES Liveness TDSpec).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/ewd840/manifest.json (commit 32a32c7 of the repository's main),
//   modules[path = ".../EWD840.tla"].models[path = ".../EWD840.cfg"]:
//     "result": "success", "distinctStates": 302, "totalStates": 2001, "stateDepth": 10
// TLC 2.18 run locally on the same files: 302 distinct, 2001 generated, "No error has been
// found", and "The depth of the complete state graph search is 9" (the manifest's 10 comes from
// the newer TLC that generated it; mc's depth follows TLC 2.18's count here).
// TLC's 2001 counts a successor once per true disjunct of the token-passing guards; the port
// does the same (see specs/examples/ewd840.ts).
// Without WF_vars(System) (TLC 2.18, Init /\ [][Next]_vars): Liveness violated, InitiateProbe,
// PassToken, then "Stuttering".

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/ewd840.js";

describe("EWD840 (N = 3)", () => {
  it("matches TLC: 302 distinct, 2001 generated, depth 9", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: false });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(302);
    expect(r.generatedStates).toBe(2001);
    expect(r.depth).toBe(9);
  });

  it("without WF_vars(System), Liveness is violated by stuttering once every node is passive", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: false, constants: { FAIR: "none" } });
    expect(r.violation?.kind).toBe("liveness");
    expect(r.violation?.name).toBe("Liveness");
    expect(r.violation?.loopAction).toBeNull();
    const last = r.violation!.trace.at(-1)!.state as { active: { every(f: (a: boolean) => boolean): boolean } };
    expect(last.active.every((a) => !a)).toBe(true);
  });

  // N = 4 is EWD840_json.cfg (same manifest: "distinctStates": 1566, "totalStates": 15986,
  // "stateDepth": 12); TLC 2.18 run locally on EWD840.tla with N = 4 and EWD840.cfg's
  // properties: the same counts, depth 12, no error.
  it.skipIf(!process.env.MC_EXAMPLES_LARGE)("N = 4: 1566 distinct, 15986 generated, depth 12, Liveness holds", { timeout: 60_000 }, async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: false, constants: { N: 4 } });
    expect(r.verdict).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([1566, 15986, 12]);
  });
});
