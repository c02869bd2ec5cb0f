// The N-actor block (src/kernel/actors.ts) on tiny models whose state counts are counted by hand:
// N walkers that each toggle idle ↔ hold, and a one-shot counter that N threads each bump once.

import { describe, expect, it } from "vitest";
import { Map as IMap, Record, type RecordOf } from "immutable";
import { check, defineSpec, ids } from "../../src/index.js";
import { Actors, symmetricWhen } from "../../src/kernel/actors.js";

type Pc = "idle" | "hold" | "done";
interface F {
  n: number;
  t: IMap<string, Pc>;
}
type S = RecordOf<F>;

/** N threads: Take (idle → hold, n+1), Drop (hold → done). Reachable: 3^N pc vectors, n = #non-idle. */
function oneShot(mode: "parameterised" | "per-actor", order: "by-actor" | "by-step" = "by-actor") {
  return defineSpec({
    name: `one-shot-${mode}`,
    constants: { N: 2 },
    init: ({ N }) => [Record<F>({ n: 0, t: actors(N, mode, order).init("idle") })()],
    actions: ({ N }) => {
      const a = actors(N, mode, order);
      return a.actions<S>({
        Take: (s, id) => (a.of(s, id) === "idle" ? a.with(s.set("n", s.n + 1), id, "hold") : null),
        Drop: (s, id) => (a.of(s, id) === "hold" ? a.with(s, id, "done") : null),
      });
    },
    invariants: ({ N }) => ({ CountsTakers: (s: S) => s.n === actors(N, mode, order).count(s, ["hold", "done"]) }),
    fairness: ({ N }) => actors(N, mode, order).fairness({ Drop: "weak" }),
    symmetry: ({ N }) => symmetricWhen(mode, { T: ids("t", N) }),
  });
}
const actors = (n: number, mode: "parameterised" | "per-actor", order: "by-actor" | "by-step") =>
  new Actors<Pc>({ field: "t", ids: ids("t", n), actions: mode, suffix: "numbered", order });

describe("Actors: state keyed by identity", () => {
  const a = new Actors<Pc>({ field: "t", ids: ["x", "y", "z"], actions: "parameterised", suffix: "first-plain" });
  const s = Record<F>({ n: 0, t: a.init("idle") })();
  it("reads, writes and counts actors by identity", () => {
    const t = a.with(s, "y", "hold");
    expect(a.of(t, "y")).toBe("hold");
    expect(a.of(t, "x")).toBe("idle");
    expect(a.count(t, ["hold"])).toBe(1);
    expect(a.some(t, ["done"])).toBe(false);
    expect(a.every(a.with(a.with(t, "x", "hold"), "z", "hold"), ["hold"])).toBe(true);
    expect(a.count(t, (p) => p !== "hold")).toBe(2);
  });
  it("a renaming of identities maps the state to an equal state", () => {
    const t = a.with(s, "x", "hold");
    const renamed = t.set("t", IMap([...a.all(t)].map(([k, v]) => [({ x: "y", y: "x", z: "z" } as const)[k as "x"], v])));
    expect(renamed.equals(a.with(s, "y", "hold"))).toBe(true);
  });
  it("refuses repeated identities", () => {
    expect(() => new Actors({ field: "t", ids: ["a", "a"], actions: "per-actor", suffix: "numbered" })).toThrow(/distinct/);
  });
});

describe("Actors: generated actions and fairness", () => {
  it("per-actor names: first-plain keeps actor 1's base name, numbered numbers all", () => {
    const fp = new Actors<Pc>({ field: "t", ids: ids("S", 3), actions: "per-actor", suffix: "first-plain" });
    expect(Object.keys(fp.actions({ Get: () => null, Put: () => null }))).toEqual(["Get", "Put", "Get2", "Put2", "Get3", "Put3"]);
    const nb = new Actors<Pc>({ field: "t", ids: ids("g", 2), actions: "per-actor", suffix: "numbered", order: "by-step" });
    expect(Object.keys(nb.actions({ Get: () => null, Put: () => null }))).toEqual(["Get1", "Get2", "Put1", "Put2"]);
    expect(nb.fairness({ Put: "weak" })).toEqual({ Put1: "weak", Put2: "weak" });
  });
  it("parameterised: one action per step, fairness of the step", () => {
    const p = new Actors<Pc>({ field: "t", ids: ids("g", 4), actions: "parameterised", suffix: "numbered" });
    expect(Object.keys(p.actions({ Get: () => null, Put: () => null }))).toEqual(["Get", "Put"]);
    expect(p.fairness({ Put: "strong" })).toEqual({ Put: "strong" });
  });
  // 3 pcs per thread, n determined by them: 3^N states. Successors: each idle thread can Take,
  // each holding one Drop: over all 3^N states, N·3^(N−1) Takes and as many Drops, + 1 initial.
  for (const mode of ["parameterised", "per-actor"] as const) {
    for (const N of [1, 2, 3]) {
      it(`one-shot threads, ${mode}, N=${N}, no symmetry: 3^N states, 2N·3^(N−1)+1 generated, depth 2N+1`, async () => {
        const r = await check(oneShot(mode), { deadlock: false, symmetry: false, constants: { N } });
        expect(r.verdict).toBe("ok");
        expect(r.distinctStates).toBe(3 ** N);
        expect(r.generatedStates).toBe(2 * N * 3 ** (N - 1) + 1);
        expect(r.depth).toBe(2 * N + 1);
      });
    }
  }
  it("the two namings give the same state space", async () => {
    const o = { deadlock: false, symmetry: false, constants: { N: 3 } };
    const [p, q] = await Promise.all([check(oneShot("parameterised"), o), check(oneShot("per-actor", "by-step"), o)]);
    expect([p.distinctStates, p.generatedStates]).toEqual([q.distinctStates, q.generatedStates]);
  });
  // Under symmetry an orbit is a multiset of N pcs (a idle, b hold, c done): C(N+2, 2) of them;
  // each has a Takes and b Drops, and the a's (and b's) of all multisets sum to N·C(N+2, 2)/3.
  for (const N of [2, 3, 4]) {
    const orbits = ((N + 2) * (N + 1)) / 2;
    it(`one-shot threads, parameterised and declared symmetric, N=${N}: C(N+2,2) = ${orbits} orbits`, async () => {
      const r = await check(oneShot("parameterised"), { deadlock: false, constants: { N } });
      expect([r.verdict, r.distinctStates, r.generatedStates]).toEqual(["ok", orbits, (2 * N * orbits) / 3 + 1]);
    });
  }
  it("per-actor actions declare no symmetry (symmetricWhen), so nothing is reduced", async () => {
    const r = await check(oneShot("per-actor"), { deadlock: false, constants: { N: 3 } });
    expect(r.distinctStates).toBe(27);
    expect(symmetricWhen("per-actor", { T: ["t1", "t2"] })).toEqual({});
  });
});

describe("Actors: who took a step", () => {
  const texts = { Take: "take by t$", Drop: "drop(page#) by t$" };
  const s = Record<F>({ n: 0, t: IMap<string, Pc>() })();
  it("a parameterised step names the one actor whose state changed", () => {
    const p = new Actors<Pc>({ field: "t", ids: ids("t", 3), actions: "parameterised", suffix: "numbered" });
    const b = s.set("t", p.init("idle"));
    const a = p.with(b, "t3", "hold");
    expect(p.step("Take", b, a, ["Take", "Drop"])).toEqual({ base: "Take", actor: 3 });
    expect(p.describe(texts, "Take", b, a)).toBe("take by t3");
    expect(p.describe(texts, "Halt", b, a)).toBe("Halt");
  });
  it("a per-actor step names its actor by its suffix, as the step texts always did", () => {
    const p = new Actors<Pc>({ field: "t", ids: ids("t", 12), actions: "per-actor", suffix: "first-plain" });
    const b = s.set("t", p.init("idle"));
    expect(p.step("Drop12", b, b, ["Take", "Drop"])).toEqual({ base: "Drop", actor: 12 });
    expect(p.describe(texts, "Drop", b, b)).toBe("drop(page0) by t");
    expect(p.describe(texts, "Drop2", b, b)).toBe("drop(page1) by t2");
  });
});

describe("Actors.focus: an actor's Record fields seen with the state's", () => {
  interface P {
    rc: number;
    O: string;
  }
  interface G {
    fault: string | null;
    pages: IMap<string, RecordOf<P>>;
  }
  const Page = Record<P>({ rc: 0, O: "idle" });
  const a = new Actors<RecordOf<P>>({ field: "pages", ids: ["page0", "page1"], actions: "per-actor", suffix: "first-plain" });
  const s = Record<G>({ fault: null, pages: a.init(Page()) })();
  it("reads and writes go to the actor's field when it has one, else to the state", () => {
    type V = RecordOf<G & P>;
    const v = a.focus<RecordOf<G>, V>(s, "page1");
    expect([v.rc, v.get("O"), v.fault]).toEqual([0, "idle", null]);
    const w = v.set("rc", 2).set("fault", "underflow").set("O", "hold");
    expect([w.rc, w.O, w.fault]).toEqual([2, "hold", "underflow"]);
    const t = a.unfocus<RecordOf<G>, V>(w);
    expect(t.fault).toBe("underflow");
    expect(a.of(t, "page1").toJS()).toEqual({ rc: 2, O: "hold" });
    expect(a.of(t, "page0")).toBe(a.of(s, "page0"));
  });
});
