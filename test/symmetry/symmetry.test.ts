// The symmetry search end to end: exact orbit counts on devpriv-sym (issue 14's table) with
// BFS, DFS and two workers, the plain counts with --no-symmetry, counterexamples that are real
// behaviours as short as without symmetry, and the errors for a spec that breaks its declared
// symmetry (MC051); temporal properties decided on the quotient with real, replayable lassos.
import { resolve } from "node:path";
import { Map as IMap, Record, is, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import { check, defineSpec, eventually, ids, McError, type Spec } from "../../src/index.js";
import { compile } from "../../src/model/compile.js";
import devprivSym from "../../specs/devpriv-sym.js";
import mutex from "../fixtures/sym-mutex.js";
import ring from "../fixtures/sym-ring.js";
import lateSpec from "../fixtures/sym-late.js";
import { assertValidLasso } from "../support/lasso.js";
import { mc } from "../helpers.js";
import { join } from "node:path";
import counters from "../../bench/specs/sym-counters.js";
import { steps } from "../differential/reference.js";
import { SAMPLE, verifySymmetry } from "../../src/symmetry/verify.js";
import { REACH, reachSample, verifyReached } from "../../src/explore/symmetry-reach.js";
import { search } from "../../src/explore/search.js";
import { resolveOptions } from "../../src/explore/options.js";
import { tempDir } from "../support/temp.js";

const DEVPRIV = resolve(import.meta.dirname, "../../specs/devpriv-sym.ts");
const MUTEX = resolve(import.meta.dirname, "../fixtures/sym-mutex.ts");
const RING = "test/fixtures/sym-ring.ts";
const LATE = "test/fixtures/sym-late.ts";
const small = { seenCapacity: 1024 };

describe("symmetry search", () => {
  it("counts orbits of devpriv-sym exactly, and every state with --no-symmetry", async () => {
    const at = (P: number, T: number, o = {}) => check(devprivSym, { ...small, constants: { P, T }, ...o });
    expect((await at(2, 3)).distinctStates).toBe(11);
    const r = await at(3, 4);
    expect([r.verdict, r.distinctStates, r.symmetry]).toEqual(["ok", 26, { Threads: 4, Pages: 3 }]);
    expect((await at(3, 4, { strategy: "dfs" })).distinctStates).toBe(26);
    const two = await at(3, 4, { workers: 2, file: DEVPRIV });
    expect([two.distinctStates, two.generatedStates, two.depth]).toEqual([r.distinctStates, r.generatedStates, r.depth]);
    const plain = await at(3, 4, { symmetry: false });
    expect([plain.distinctStates, plain.symmetry]).toEqual([548, undefined]); // devpriv.ts at P=3 T=4
  });

  it("counts the multisets of counters on bench/specs/sym-counters.ts (identities sorted by profile, no search)", async () => {
    // C(N+K-1, K-1) orbits of K^N states
    for (const [N, K, orbits, all] of [[3, 3, 10, 27], [4, 3, 15, 81], [5, 4, 56, 1024]] as const) {
      expect((await check(counters, { ...small, constants: { N, K } })).distinctStates).toBe(orbits);
      expect((await check(counters, { ...small, constants: { N, K }, symmetry: false })).distinctStates).toBe(all);
    }
  });

  it("reports a real counterexample, as short as without symmetry, with one and two workers", async () => {
    const m = compile(mutex as Spec<unknown>, { N: 3 });
    const plain = await check(mutex, { ...small, symmetry: false });
    for (const o of [{}, { strategy: "dfs" }, { workers: 2, file: MUTEX }]) {
      const r = await check(mutex, { ...small, ...o });
      expect(r.verdict).toBe("violation");
      const t = r.violation!.trace;
      expect(is(t[0]!.state, m.init[0])).toBe(true);
      for (let i = 1; i < t.length; i++) expect(steps(m, t[i - 1]!.state).some((x) => x.action === t[i]!.action && is(x.state, t[i]!.state))).toBe(true);
      expect((t.at(-1)!.state as { pc: IMap<string, string> }).pc.count((p) => p === "crit")).toBe(2);
      if (!("strategy" in o)) expect(t.length).toBe(plain.violation!.trace.length);
    }
    expect(plain.violation!.trace.length).toBe(5);
  });

  it("reports an action-property violation as a real step, as without symmetry", async () => {
    // Counters modulo 3 on three threads; the property forbids a wrap-around by a thread whose
    // neighbour in the Map is ahead: symmetric, since it counts, never names.
    type C = IMap<string, number>;
    const spec = defineSpec({
      name: "sym-wrap",
      symmetry: { T: ids("t", 3) },
      init: [IMap(ids("t", 3).map((t) => [t, 0]))],
      actions: { Step: (s: C) => [...s.keys()].map((t) => s.set(t, (s.get(t)! + 1) % 3)) },
      invariants: {},
      actionProperties: { NoWrapWhileOthersMoved: (s: C, t: C) => !(t.count((x) => x === 0) > s.count((x) => x === 0) && s.count((x) => x === 1) >= 1) },
    });
    const m = compile(spec as Spec<unknown>);
    const plain = await check(spec, { ...small, symmetry: false });
    const r = await check(spec, small);
    expect([r.verdict, r.violation?.kind, r.violation?.name]).toEqual(["violation", "action", "NoWrapWhileOthersMoved"]);
    const t = r.violation!.trace;
    expect(t.length).toBe(plain.violation!.trace.length);
    for (let i = 1; i < t.length; i++) expect(steps(m, t[i - 1]!.state).some((x) => x.action === t[i]!.action && is(x.state, t[i]!.state))).toBe(true);
    expect(m.actionProperties[0]!(t.at(-2)!.state, t.at(-1)!.state, "Step")).toBe(false);
  });

  it("refuses a spec that breaks its declared symmetry, naming the set, the part and a state", async () => {
    const parts = { init: "the initial states", action: "action 'Take'", invariant: "invariant 'Mutex'", property: "an action property on action 'Take'" };
    for (const [BREAK, part] of Object.entries(parts)) {
      const e = await check(mutex, { ...small, constants: { BREAK } }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(McError);
      expect((e as McError).code).toBe("MC051");
      expect((e as McError).message).toContain(`${part} treats set Threads asymmetrically: in state {`);
      expect((await check(mutex, { ...small, constants: { BREAK }, symmetry: false })).verdict).toBe("violation");
    }
  });

  it("decides temporal properties on the quotient, as without symmetry, with a real lasso (the quotient's self-loop unrolled)", async () => {
    const spec = defineSpec({
      name: "sym-live",
      symmetry: { T: ids("t", 2) },
      init: [IMap({ t1: 0, t2: 0 })],
      actions: { Step: (s: IMap<string, number>) => [...s.keys()].filter((t) => s.get(t) === 0).map((t) => s.set(t, 1)) },
      properties: { AllDone: eventually((s: IMap<string, number>) => s.every((x) => x === 1)) },
      fairness: { Step: "weak" },
    });
    expect([(await check(spec, { ...small, deadlock: false })).verdict, (await check(spec, { ...small, deadlock: false, symmetry: false })).distinctStates]).toEqual(["ok", 4]);
    // the ring: one orbit, one quotient state whose step is a self-loop; N passes close the real lasso
    for (const N of [3, 4]) {
      const o = { ...small, constants: { N } };
      const [q, plain, two] = [await check(ring, o), await check(ring, { ...o, symmetry: false }), await check(ring, { ...o, workers: 2, file: RING })];
      expect([q.verdict, q.distinctStates, plain.verdict, plain.distinctStates]).toEqual(["violation", 1, "violation", N === 3 ? 6 : 24]);
      assertValidLasso(ring as Spec<unknown>, q, { N });
      expect([q.violation!.trace.length, q.violation!.loop, q.violation!.loopAction]).toEqual([N, 0, "Pass"]);
      expect(two.violation!.trace).toEqual(q.violation!.trace);
    }
  });

  it("a lasso under symmetry is written with --trace and replays with mc replay, fair and violating", async () => {
    const file = join(tempDir("mc-symring-"), "t.json");
    const r = await mc("check", RING, "--no-typecheck", "--trace", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Rests");
    const replayed = await mc("replay", RING, file, "--no-typecheck");
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain("3. back to state 0 (Pass) ✓\n  the lasso is fair under the spec's fairness");
    expect(replayed.out).toContain("✗ Still violated: property Rests is violated on the lasso (states 0..2 repeat forever).");
  });

  it("checks every reached state of a small spec, and a spread over the whole search of a large one: an asymmetry deep in is caught", async () => {
    // test/fixtures/sym-late.ts: an asymmetry in no state among the first 128 of the quotient,
    // with its clock's bounds as defaults
    const late = (LAST: number, FROM: number): Spec<unknown> => ({ ...(lateSpec as Spec<unknown>), constants: { LAST: { default: LAST, doc: "" }, FROM: { default: FROM, doc: "" } } });
    const spec = late(100, 80);
    const e = await check(spec, { ...small, deadlock: false }).catch((x: unknown) => x);
    expect((e as McError).code).toBe("MC051");
    expect((e as McError).message).toMatch(/action 'Flip' treats set T asymmetrically: in state \{"n":(8\d|9\d|100),/);
    // the first 128 states alone (the check before this one) do not see it; the plain search is fine
    const model = compile(spec as Spec<unknown>);
    expect(() => verifySymmetry(model)).not.toThrow();
    expect((await check(spec, { ...small, deadlock: false, symmetry: false })).distinctStates).toBe(101 * 8);
    // past REACH states, an even spread: 64 of the 404 orbits still meet the last fifth
    const out = await search(model, resolveOptions({ deadlock: false, seenCapacity: 1024 }, 1));
    expect(out.distinct).toBe(101 * 4);
    expect(() => verifyReached(model, out.store, 64)).toThrow(/MC051|asymmetrically/);
    expect(verifyReached(compile(late(100, 101) as Spec<unknown>), out.store, 64)).toBe(64);
    // no state is checked twice: the check after the search skips the orbits the one before did
    // (the first SAMPLE of the 404; all 84 of a spec of 21 clock values)
    for (const [last, orbits] of [[100, 404], [20, 84]] as const) {
      const fine = compile(late(last, last + 1) as Spec<unknown>);
      const before = verifySymmetry(fine);
      expect(before.size).toBe(Math.min(SAMPLE, orbits));
      const reached = await search(fine, resolveOptions({ deadlock: false, seenCapacity: 1024 }, 1));
      expect(reached.distinct).toBe(orbits);
      expect(verifyReached(fine, reached.store, REACH, before)).toBe(orbits - before.size);
      expect(verifyReached(fine, reached.store, REACH)).toBe(orbits);
    }
    // Two workers split that check between them (parallel/reach-share.ts) and report the same
    // first mismatch as one thread, found past a block another thread took; none when there is none.
    const two = await check(lateSpec, { ...small, deadlock: false, workers: 2, file: LATE }).catch((x: unknown) => x);
    expect((two as McError).message).toBe((e as McError).message.replace("sym-late:", `${LATE}:`));
    const fine = await check(lateSpec, { ...small, deadlock: false, workers: 2, file: LATE, constants: { FROM: 101 } });
    expect([fine.verdict, fine.distinctStates]).toEqual(["ok", 404]);
    expect(reachSample(10, 16)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(reachSample(10, 4)).toEqual([1, 4, 6, 9]);
    expect(reachSample(REACH * 3, REACH).at(-1)).toBe(REACH * 3 - 1);
  });
});
