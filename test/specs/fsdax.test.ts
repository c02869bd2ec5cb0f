// fsdax, the headline spec (era d): every invariant holds and nothing deadlocks, on configs
// small enough for a unit test. The default (NG = 3) is the benchmark-sized run.

import { describe, it, expect } from "vitest";
import { is } from "immutable";
import { steps } from "../differential/reference.js";
import { check, type Spec } from "../../src/index.js";
import { compile } from "../../src/model/compile.js";
import fsdax from "../../specs/fsdax.js";
import { bruteOrbits, ownershipRenamings } from "../support/brute-orbits.js";
import { ids } from "../../src/index.js";

/** Processes interchangeable with their gup threads: one action per step, every invariant. */
type Consts = { readonly [c: string]: number | boolean };
const carried = (k: Consts) => {
  const constants = { ...k, ACTORS: "parameterised", PROCS: "symmetric" };
  return { constants, invariants: compile(fsdax as Spec<unknown>, constants).invariantNames };
};

/** The orbits of the plain state space under every renaming that keeps each thread's process. */
function bruteCarried(k: Consts & { readonly NP: number; readonly NG: number }): { states: number; orbits: number } {
  const { constants } = carried(k);
  const m = compile(fsdax as Spec<unknown>, constants, undefined, { symmetry: false });
  const procs = ids("proc", k.NP);
  const gups = ids("gup", k.NG);
  return bruteOrbits(m, ownershipRenamings(procs, gups, new Map(gups.map((g, i) => [g, procs[i % k.NP]!]))));
}

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
  it("processes interchangeable with their gup threads: orbits equal a brute-force count, the plain count without symmetry", async () => {
    // NP=2 NG=2 (the group of order 2), NP=2 NG=4 (order 8), NP=3 NG=3 (order 6); NG=3 at NP=2
    // gives the processes one and two threads: not interchangeable, the per-process count. The
    // plain count is the recorded spec's (processes' actions one per process, same states).
    const configs: (Consts & { NP: number; NG: number })[] = [
      { NP: 2, NG: 2, ORDER: 0 }, { NP: 2, NG: 4, ORDER: 0, REUSE: false }, { NP: 3, NG: 3, ORDER: 0, REUSE: false },
    ];
    for (const k of configs) {
      const ref = bruteCarried(k);
      const r = await check(fsdax, { ...carried(k), deadlock: true });
      expect([r.verdict, r.distinctStates, r.symmetry], JSON.stringify(k)).toEqual(["ok", ref.orbits, { Procs: k.NP, Gups: k.NG }]);
      expect(ref.orbits).toBeLessThan(ref.states);
      expect((await check(fsdax, { deadlock: true, constants: k })).distinctStates).toBe(ref.states);
    }
  });
  it("an ops-less pgmap's stranded truncate with processes interchangeable: a real trace, as short", async () => {
    const o = carried({ NG: 2, OPSLESS_V8: true });
    const r = await check(fsdax, { ...o, deadlock: true });
    expect(r.violation?.name).toBe("NoStrandedWaiter");
    expect(r.violation!.trace.slice(1).map((t) => t.action)).toEqual(["MapPud", "GupRead", "GupGrab", "TLock", "TBusyScan", "TWait", "GupRecheck"]);
    const m = compile(fsdax as Spec<unknown>, o.constants, undefined, { symmetry: false });
    const t = r.violation!.trace;
    expect(is(t[0]!.state, m.init[0])).toBe(true);
    for (let i = 1; i < t.length; i++) expect(steps(m, t[i - 1]!.state).some((x) => x.action === t[i]!.action && is(x.state, t[i]!.state))).toBe(true);
  });
});
