// fsdax, the headline spec (era d): every invariant holds and nothing deadlocks, on configs
// small enough for a unit test. The default (NG = 3) is the benchmark-sized run.

import { describe, it, expect } from "vitest";
import { check, type Spec } from "../../src/index.js";
import { compile } from "../../src/model/compile.js";
import fsdax from "../../specs/fsdax.js";

describe("fsdax (era d end to end)", () => {
  it("holds with 2 processes and 2 gup threads on an order-1 folio, blocks reused", async () => {
    const r = await check(fsdax, { strategy: "bfs", deadlock: true, constants: { NG: 2 } });
    expect(r.verdict).toBe("ok");
    expect(r.properties).toEqual(["TruncateCompletes"]);
    expect(r.distinctStates).toBe(19_816);
    expect(r.depth).toBe(22);
  });
  it("holds when truncate runs once and the threads finish (Finished, no deadlock)", async () => {
    const r = await check(fsdax, { deadlock: true, constants: { NG: 2, REUSE: false } });
    expect(r.verdict).toBe("ok");
  });
  it("holds for order-0 pages, one process, one gup thread", async () => {
    const configs: { [k: string]: number | boolean }[] = [{ ORDER: 0 }, { NP: 1, NG: 2 }, { NG: 1 }, { ORDER: 0, NP: 1, NG: 1, REUSE: false }];
    for (const constants of configs) {
      const r = await check(fsdax, { deadlock: true, constants });
      expect(r.verdict, JSON.stringify(constants)).toBe("ok");
    }
  });
  it("an ops-less FS_DAX pgmap under the v8 free check never wakes truncate (7 steps)", async () => {
    const r = await check(fsdax, { deadlock: true, constants: { NG: 2, OPSLESS_V8: true } });
    expect(r.violation?.name).toBe("NoStrandedWaiter");
    expect(r.violation!.trace.slice(1).map((t) => t.action)).toEqual([
      "MapPud1", "GupRead1", "GupGrab1", "TLock", "TBusyScan", "TWait", "GupRecheck1",
    ]);
  });
  it("DFS agrees", async () => {
    // every invariant; TruncateCompletes needs the BFS graph (DFS refuses temporal properties)
    const invariants = compile(fsdax as Spec<unknown>, { NG: 2 }).invariantNames;
    const r = await check(fsdax, { strategy: "dfs", deadlock: true, constants: { NG: 2 }, invariants });
    expect([r.verdict, r.distinctStates]).toEqual(["ok", 19_816]);
  });
});
