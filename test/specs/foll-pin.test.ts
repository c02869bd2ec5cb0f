// foll-pin: FOLL_PIN on an ordinary page, the correct protocol and the unpin that puts 1. The
// T=1, K=1 counts are the hand enumeration in specs/NOTES.md; the larger ones agree between BFS
// and DFS (and are recorded in results/foll-pin.json).
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/foll-pin.js";

const INVARIANTS = ["NoUnderflow", "NoLeak", "RefcountIdentity", "NoUseAfterFree", "PinnedIsReported", "Bounded"];

describe("foll-pin", () => {
  it("one thread, one pin: 10 states (15 generated) as counted by hand; the buggy unpin adds one leaked state", async () => {
    const ok = await check(spec, { constants: { T: 1 } });
    expect([ok.verdict, ok.distinctStates, ok.generatedStates]).toEqual(["ok", 10, 15]);
    const buggy = await check(spec, { constants: { T: 1, BUGGY: true }, invariants: ["NoUnderflow"] });
    expect([buggy.verdict, buggy.distinctStates, buggy.generatedStates]).toEqual(["ok", 11, 16]);
  });

  it("the correct protocol holds, and PageFreedAfterLastPut with it; BFS and DFS find the same states", async () => {
    for (const K of [1, 2]) {
      const bfs = await check(spec, { constants: { K } });
      const dfs = await check(spec, { constants: { K }, strategy: "dfs", invariants: INVARIANTS });
      expect(bfs.verdict).toBe("ok");
      expect([dfs.verdict, dfs.distinctStates, dfs.generatedStates]).toEqual(["ok", bfs.distinctStates, bfs.generatedStates]);
    }
  });

  it("the buggy unpin breaks the refcount identity after a pin and its unpin (4 steps)", async () => {
    const r = await check(spec, { constants: { BUGGY: true } });
    expect(r.verdict).toBe("violation");
    expect(r.violation?.name).toBe("RefcountIdentity");
    expect(r.violation?.trace.map((t) => t.action).slice(1)).toEqual(["PinGet", "PinBias", "PinRecheck", "Unpin"]);
    expect(r.violation?.trace.at(-1)?.state).toMatchObject({ rc: 1024 }); // 1 (mapping) + 1023 leaked
  });

  it("...and the page is never freed after the last put: a lasso that stutters with the page leaked", async () => {
    const r = await check(spec, { constants: { BUGGY: true }, invariants: ["NoUnderflow"], properties: ["PageFreedAfterLastPut"] });
    expect(r.violation?.kind).toBe("liveness");
    expect(r.violation?.name).toBe("PageFreedAfterLastPut");
    const last = r.violation!.trace.at(-1)!.state as { rc: number; freed: boolean; mapped: boolean; fault: string | null };
    expect(last).toMatchObject({ freed: false, mapped: false, fault: "leak" });
    expect(last.rc % 1023).toBe(0); // whole leaked biases only
    expect(r.violation?.loopAction ?? null).toBeNull(); // it stutters there forever
  });
});
