// Owned symmetry sets (threads that belong to processes): counts against a hand count, the
// symmetry check's carried generators refusing a spec that treats one process's threads apart,
// and the declaration's errors. The random differential test (symmetry-differential.test.ts)
// compares counts, verdicts and traces with a brute force over the ownership-keeping renamings.
import { Map as IMap, Record, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import { check, defineSpec, ids, McError, type Symmetry } from "../../src/index.js";

interface F {
  pc: IMap<string, number>; // thread → 0 idle, 1 done
  hits: IMap<string, number>; // process → how many of its threads are done
}
const State = Record<F>({ pc: IMap(), hits: IMap() });
type S = RecordOf<F>;

/**
 * NP processes with K threads each (thread i belongs to process ((i − 1) mod NP) + 1); a thread
 * finishes once and counts in its process. `odd` makes each process's first thread unable to
 * finish once its process counts one: symmetric under renaming processes with their threads,
 * not under swapping one process's threads. `sym` says how it is declared.
 */
function spec(np: number, k: number, sym: "owned" | "plain" | "none", odd = false) {
  const procs = ids("p", np);
  const threads = ids("t", np * k);
  const owner = new Map(threads.map((t, i) => [t, procs[i % np]!] as const));
  const symmetry: Symmetry =
    sym === "owned" ? { Procs: procs, Threads: { ids: threads, owner } } : sym === "plain" ? { Procs: procs, Threads: threads } : {};
  return defineSpec({
    name: "owned",
    init: [State({ pc: IMap(threads.map((t) => [t, 0])), hits: IMap(procs.map((p) => [p, 0])) })],
    actions: {
      Finish: (s: S) =>
        threads
          .filter((t) => s.pc.get(t) === 0 && !(odd && threads.indexOf(t) < np && s.hits.get(owner.get(t)!)! > 0))
          .map((t) => s.setIn(["pc", t], 1).updateIn(["hits", owner.get(t)!], (n) => (n as number) + 1)),
    },
    symmetry,
  });
}

const small = { seenCapacity: 1024, deadlock: false };

describe("owned symmetry sets", () => {
  it("counts orbits of processes carrying their threads: multisets of per-process counts", async () => {
    // A state is how many threads of each process are done (the rest follows up to renaming
    // within a process): orbits are the multisets of NP counts from 0..K, C(NP+K, NP).
    for (const [np, k, orbits, all] of [[2, 2, 6, 16], [3, 2, 10, 64], [2, 3, 10, 64]] as const) {
      expect((await check(spec(np, k, "owned"), small)).distinctStates).toBe(orbits);
      expect((await check(spec(np, k, "none"), small)).distinctStates).toBe(all);
      expect((await check(spec(np, k, "owned"), { ...small, strategy: "dfs" })).distinctStates).toBe(orbits);
    }
  });

  it("refuses the product of the two sets where ownership matters, naming the set and a state", async () => {
    const e = await check(spec(2, 2, "plain"), small).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(McError);
    expect((e as McError).code).toBe("MC051");
    expect((e as McError).message).toMatch(/treats set (Procs|Threads) asymmetrically: in state \{/);
  });

  it("refuses a spec that tells one process's threads apart, with the carried generators' names", async () => {
    const e = await check(spec(2, 2, "owned", true), small).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(McError);
    expect((e as McError).code).toBe("MC051");
    expect((e as McError).message).toContain("action 'Finish' treats set Threads asymmetrically");
    expect((e as McError).message).toContain("swapping t1 and t3 (both p1's)");
    expect((await check(spec(2, 2, "none", true), small)).verdict).toBe("ok");
  });

  it("an entry left undefined declares no set, so `flag ? { ... } : {}` is a symmetry table", async () => {
    // (tsc checks the annotation: before, the union with {} was not assignable to Symmetry)
    const owned = (on: boolean): Symmetry => (on ? { Procs: ["p1"], Threads: { ids: ["t1"], owner: { t1: "p1" } } } : {});
    expect(owned(false)).toEqual({});
    const base = spec(2, 2, "owned").build({});
    const withUndefined = (table: Symmetry) => defineSpec({ name: "owned", init: base.init, actions: base.actions, symmetry: table });
    const none = await check(withUndefined({ Procs: undefined, Threads: undefined }), small);
    expect([none.distinctStates, none.symmetry]).toEqual([16, undefined]);
    const procsOnly = await check(withUndefined({ Procs: ["p1", "p2"], Threads: undefined }), small).catch((x: unknown) => x);
    expect((procsOnly as McError).code).toBe("MC051"); // a renaming of the processes alone is not a symmetry of this spec
  });

  it("takes the owner table as an object, a Map or an Immutable Map", async () => {
    const base = spec(2, 2, "owned").build({});
    const byObject = { t1: "p1", t2: "p2", t3: "p1", t4: "p2" };
    const tables = [byObject, new Map(Object.entries(byObject)), IMap(byObject)];
    for (const owner of tables) {
      const s = defineSpec({ name: "owned", init: base.init, actions: base.actions, symmetry: { Procs: ["p1", "p2"], Threads: { ids: ["t1", "t2", "t3", "t4"], owner } } });
      expect((await check(s, small)).distinctStates).toBe(6);
    }
    // an Immutable Map whose values are not identities is refused as a missing owner
    const bad = () => defineSpec({ name: "owned", init: base.init, actions: base.actions, symmetry: { Procs: ["p1", "p2"], Threads: { ids: ["t1", "t2"], owner: IMap({ t1: "p1", t2: 2 }) } } });
    expect(bad).toThrow("member 't2' has no owner");
  });

  it("explains a malformed owned set in one MC005 paragraph", async () => {
    const bad = (symmetry: unknown) => () => defineSpec({ name: "bad", init: [State()], actions: { A: () => null }, symmetry: symmetry as Symmetry });
    const cases: [unknown, RegExp][] = [
      [{ T: { ids: ["t1", "t2"], owner: { t1: "p1" } } , P: ["p1"] }, /member 't2' has no owner/],
      [{ T: { ids: ["t1"], owner: { t1: "q" } }, P: ["p1"] }, /owner 'q' of 't1' is not an identity of another, plain symmetry set/],
      [{ T: { ids: ["t1", "t2"], owner: { t1: "p1", t2: "u1" } }, P: ["p1"], U: ["u1"] }, /owners are in two sets, 'P' and 'U'/],
      [{ T: { ids: ["t1"], owner: ["p1"] }, P: ["p1"] }, /owner must be an object \(or a Map, or an Immutable Map\)/],
      [{ T: { ids: ["t1"], owner: { t1: "p1", t9: "p1" } }, P: ["p1"] }, /owner names 't9', which is not one of its members/],
      [{ T: { members: ["t1"] } }, /must be an array of strings, or \{ ids/],
    ];
    for (const [symmetry, msg] of cases) {
      expect(bad(symmetry)).toThrow(McError);
      expect(bad(symmetry)).toThrow(msg);
    }
  });
});
