// Temporal properties under weak and strong fairness on tiny models whose answers follow by
// hand. Every lasso returned is replayed by an independent checker (test/support/lasso.ts):
// a real behaviour of the spec, fair, and violating the property.
import { describe, expect, it } from "vitest";
import { check, defineSpec, eventually, eventuallyAlways, infinitelyOften, leadsTo, type CheckResult, type Spec } from "../../src/index.js";
import ticker from "../fixtures/live/ticker.js";
import { assertValidLasso } from "../support/lasso.js";

const only = (...properties: string[]) => ({ properties });

async function lasso(spec: Spec<unknown>, options: Parameters<typeof check>[1] = {}) {
  const r = await check(spec, options);
  expect(r.verdict).toBe("violation");
  assertValidLasso(spec, r, (options.constants ?? {}) as { [k: string]: string | number | boolean });
  return r.violation!;
}

describe("fairness rules", () => {
  it("without fairness a behaviour may stutter in its initial state forever", async () => {
    const v = await lasso(ticker as Spec<unknown>, { ...only("ReachesThree"), constants: { FAIR: "none" } });
    expect(v).toMatchObject({ kind: "liveness", name: "ReachesThree", loop: 0, loopAction: null });
    expect(v.trace).toHaveLength(1);
  });

  it("weak fairness of Tick makes <>(x = 3) hold; the Idle self-loop does not count as a step", async () => {
    const r = await check(ticker, { ...only("ReachesThree", "ZeroLeadsToTwo", "ZeroInfinitelyOften") });
    expect(r.verdict).toBe("ok");
    expect(r.properties).toEqual(["ReachesThree", "ZeroLeadsToTwo", "ZeroInfinitelyOften"]);
  });

  // Go has two successors in state 0: itself (a stuttering step) and 1. WF(Go) is not met by
  // taking the self-loop forever, so <>(x = 1) holds; a checker counting the self-loop as a Go
  // step would report the loop 0 -> 0.
  const selfLoop = defineSpec({
    name: "self-loop",
    init: [0],
    actions: { Go: (x: number) => (x === 0 ? [0, 1] : null), Spin: (x: number) => x },
    fairness: { Go: "weak", Spin: "weak" },
    properties: { ReachesOne: eventually((x: number) => x === 1), NeverOne: eventually((x: number) => x === 2) },
  });

  it("a self-loop step is stuttering: it neither enables nor satisfies fairness", async () => {
    expect((await check(selfLoop, only("ReachesOne"))).verdict).toBe("ok");
    // Spin is only ever a self-loop: never enabled, so its fairness cannot keep 1 from stuttering
    const v = await lasso(selfLoop as Spec<unknown>, only("NeverOne"));
    expect(v).toMatchObject({ loop: 1, loopAction: null });
    expect(v.trace.map((t) => t.state)).toEqual([0, 1]);
    expect(v.fairness).toEqual([
      { action: "Go", kind: "weak", enabled: "never", taken: false },
      { action: "Spin", kind: "weak", enabled: "never", taken: false },
    ]);
  });

  // 0 -> 1 -> 2, and 2 enables nothing: a deadlock, which (with deadlock checking off) stutters.
  const stops = defineSpec({
    name: "stops",
    init: [0],
    actions: { Tick: (x: number) => (x < 2 ? x + 1 : null) },
    fairness: { Tick: "weak" },
    properties: { ReachesTwo: eventually((x: number) => x === 2), ZeroAgain: infinitelyOften((x: number) => x === 0), EndsAtTwo: eventuallyAlways((x: number) => x === 2) },
  });

  it("a deadlocked state stutters forever: []<>(x = 0) fails at it, <>[](x = 2) holds", async () => {
    const v = await lasso(stops as Spec<unknown>, { ...only("ZeroAgain"), deadlock: false });
    expect(v).toMatchObject({ loop: 2, loopAction: null });
    expect(v.trace.map((t) => t.state)).toEqual([0, 1, 2]);
    expect((await check(stops, { ...only("ReachesTwo", "EndsAtTwo"), deadlock: false })).verdict).toBe("ok");
  });

  it("deadlock checking still comes first", async () => {
    const r = await check(stops, { ...only("ZeroAgain") });
    expect(r.violation?.kind).toBe("deadlock");
  });

  // Flip moves between positions 0 and 1 forever; Finish is enabled only at position 0. Weak
  // fairness of Finish does not force it (it is not continuously enabled); strong fairness does.
  const flipper = (finish: "weak" | "strong") =>
    defineSpec({
      name: `flipper-${finish}`,
      init: [0],
      actions: { Flip: (x: number) => (x < 2 ? 1 - x : null), Finish: (x: number) => (x === 0 ? 2 : null) },
      fairness: { Flip: "weak", Finish: finish },
      properties: { Finishes: eventually((x: number) => x === 2) },
    });

  it("an intermittently enabled action: weak fairness lets the flipping go on forever", async () => {
    const spec = flipper("weak");
    const v = await lasso(spec as Spec<unknown>, { deadlock: false });
    expect(v.trace.map((t) => t.state)).toEqual([0, 1]);
    expect(v).toMatchObject({ loop: 0, loopAction: "Flip" });
    expect(v.fairness).toContainEqual({ action: "Finish", kind: "weak", enabled: "somewhere", taken: false });
  });

  it("strong fairness of the same action makes the property hold", async () => {
    expect((await check(flipper("strong"), { deadlock: false })).verdict).toBe("ok");
  });

  // a <-> b <-> c, and from c the strongly-fair Leave goes to d. The whole component {a, b, c}
  // is unfair (Leave is enabled at c, never taken inside), but a <-> b alone is fair: the
  // checker must cut c away and look again.
  const refine = defineSpec({
    name: "refine",
    init: ["a"],
    actions: {
      Step: (x: string) => ({ a: ["b"], b: ["a", "c"], c: ["b"], d: [] })[x] ?? null,
      Leave: (x: string) => (x === "c" ? "d" : null),
    },
    fairness: { Leave: "strong" },
    properties: { ReachesD: eventually((x: string) => x === "d") },
  });

  it("strong fairness refines a component: the fair cycle avoids the state enabling the action", async () => {
    const v = await lasso(refine as Spec<unknown>, { deadlock: false });
    expect(v.trace.map((t) => t.state)).not.toContain("c");
  });

  it("weak fairness rejects a component where the action is always enabled and never taken", async () => {
    const spec = defineSpec({
      name: "always-enabled",
      init: [0],
      actions: { Spin: (x: number) => (x < 2 ? 1 - x : null), Out: (x: number) => (x < 2 ? 2 : null) },
      fairness: { Out: "weak" },
      properties: { Out: eventually((x: number) => x === 2) },
    });
    expect((await check(spec, { deadlock: false })).verdict).toBe("ok");
  });
});

describe("property shapes", () => {
  it("every shape on the ticker, with and without fairness", async () => {
    const expected = { ReachesThree: "ok", ZeroLeadsToTwo: "ok", ZeroInfinitelyOften: "ok", StaysAtThree: "violation" };
    for (const [name, verdict] of Object.entries(expected)) {
      const r = await check(ticker, only(name));
      expect([name, r.verdict]).toEqual([name, verdict]);
      if (verdict === "violation") assertValidLasso(ticker as Spec<unknown>, r);
      const unfair = await check(ticker, { ...only(name), constants: { FAIR: "none" } });
      expect([name, unfair.verdict]).toEqual([name, "violation"]);
      assertValidLasso(ticker as Spec<unknown>, unfair, { FAIR: "none" });
    }
  });

  it("leadsTo fails from a later p-state: the prefix may pass through q", async () => {
    // 0 -> 1 -> 2 -> 3, then 3 stutters: q (x = 1) holds early, p (x = 2) later, never q again
    const spec = defineSpec({
      name: "late",
      init: [0],
      actions: { Tick: (x: number) => (x < 3 ? x + 1 : null) },
      fairness: { Tick: "weak" },
      properties: { TwoLeadsToOne: leadsTo((x: number) => x === 2, (x: number) => x === 1) },
    });
    const v = await lasso(spec as Spec<unknown>, { deadlock: false });
    expect(v.trace.map((t) => t.state)).toEqual([0, 1, 2, 3]);
  });

  it("eventually fails only along a path that avoids p from the start", async () => {
    // two initial states: 5 is already p; 0 can loop 0 <-> 1 (Back is not fair)
    const spec = defineSpec({
      name: "two-inits",
      init: [5, 0],
      actions: { Up: (x: number) => (x === 0 ? 1 : null), Back: (x: number) => (x === 1 ? 0 : null), Stay: (x: number) => (x === 5 ? 6 : null) },
      fairness: { Up: "weak", Stay: "weak" },
      properties: { Five: eventually((x: number) => x === 5) },
    });
    const v = await lasso(spec as Spec<unknown>, { deadlock: false });
    expect(v.trace[0]!.state).toBe(0);
  });
});

describe("vacuity", () => {
  it("warns when a leadsTo's left side never holds and when a fair action is never enabled", async () => {
    const spec = defineSpec({
      name: "vacuous",
      init: [0],
      actions: { Tick: (x: number) => (x < 2 ? x + 1 : null), Never: (x: number) => (x > 5 ? 0 : null) },
      fairness: { Tick: "weak", Never: "strong" },
      properties: { FromNine: leadsTo((x: number) => x === 9, (x: number) => x === 0) },
    });
    const r = await check(spec, { deadlock: false });
    expect(r.verdict).toBe("ok");
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings!.join("\n")).toMatch(/'Never'.*never enabled/);
    expect(r.warnings!.join("\n")).toMatch(/'FromNine'.*left side/);
  });
});

describe("the lasso checker itself", () => {
  it("rejects a lasso that does not close, is unfair, or does not violate the property", async () => {
    const r = await check(ticker, only("StaysAtThree"));
    const v = r.violation!;
    const bad = (patch: object) => () => assertValidLasso(ticker as Spec<unknown>, { ...r, violation: { ...v, ...patch } });
    expect(bad({})).not.toThrow();
    expect(bad({ loopAction: "Tick" })).toThrow(/close/);
    expect(bad({ loop: 1 })).toThrow(/close/);
    // stuttering at 3 forever: Reset is enabled there and weakly fair
    expect(bad({ trace: v.trace, loop: 3, loopAction: null })).toThrow(/weak fairness of Reset/);
    const holds = await check(ticker, { ...only("ReachesThree"), constants: { FAIR: "none" } });
    expect(() => assertValidLasso(ticker as Spec<unknown>, { ...holds, violation: { ...holds.violation!, name: "ZeroInfinitelyOften" } }, { FAIR: "none" })).toThrow(/does not violate/);
  });
});

describe("workers", () => {
  it("1, 2 and 3 workers build the same graph: the same verdicts and the same lassos", async () => {
    const ring = (await import("../fixtures/live/ring.js")).default as Spec<unknown>;
    const cases: [Spec<unknown>, string, object][] = [
      [ring, "test/fixtures/live/ring.ts", {}],
      [ring, "test/fixtures/live/ring.ts", { properties: ["AZeroOften"] }],
      [ring, "test/fixtures/live/ring.ts", { properties: ["DiagonalLeadsToZero"], constants: { N: 9 } }],
      [ticker as Spec<unknown>, "test/fixtures/live/ticker.ts", { properties: ["ReachesThree", "ZeroLeadsToTwo", "ZeroInfinitelyOften", "StaysAtThree"] }],
      [ticker as Spec<unknown>, "test/fixtures/live/ticker.ts", { properties: ["ZeroLeadsToTwo"], constants: { FAIR: "none" } }],
    ];
    for (const [spec, file, extra] of cases) {
      const runs: CheckResult[] = [];
      // (three workers in from the first level: each level goes to them while the one before is numbered)
      for (const workers of [1, 2, 3]) runs.push(await check(spec, { ...extra, file, workers, deadlock: false, workersFirst: workers === 3 }));
      const strip = (r: CheckResult) => ({ ...r, durationMs: 0, workers: 0, storeBytes: 0 });
      expect(strip(runs[1]!)).toEqual(strip(runs[0]!));
      expect(strip(runs[2]!)).toEqual(strip(runs[0]!));
      if (runs[0]!.verdict === "violation") assertValidLasso(spec, runs[0]!, ((extra as { constants?: object }).constants ?? {}) as { [k: string]: string });
    }
  });
});
