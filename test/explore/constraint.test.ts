// State constraints (TLC's CONSTRAINT) and terminal states, on the FOLL_PIN leak fixture whose
// state space is infinite without a constraint. Counts by hand (BUGGY, refcount ≤ 4096): before
// the owner's put, k pin/unpin cycles give idle 1+1023k and grabbed 2+1023k (k = 0..4) and pinned
// 1025+1023k (k = 0..3 inside, k = 4 outside: 5117); after it, idle 1023k (k = 1..4, plus the
// freed page at 0), grabbed 1+1023k (k = 0..4), pinned 1024+1023k (k = 0..3 inside, 5116 outside):
// 15 + 15 = 30 distinct states, 2 of them outside.
import { describe, expect, it } from "vitest";
import { Record } from "immutable";
import { check, defineSpec, eventually, simulate, type CheckOptions, type Spec } from "../../src/index.js";
import pin from "../fixtures/foll-pin-leak.js";
import { mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const file = "test/fixtures/foll-pin-leak.ts";
const leak = { BUGGY: true, BOUND: 4096 };
const run = (o: CheckOptions) => check(pin as Spec<unknown>, { file, ...o });

describe("state constraints", () => {
  it("checks the states outside but does not expand them; the verdict says it holds only within", async () => {
    const r = await run({ constants: leak, deadlock: false, invariants: ["NoUnderflow"] });
    expect(r).toMatchObject({ verdict: "bounded", distinctStates: 30, constrained: { RefcountAtMostBound: 2 } });
    expect(r.bound).toMatch(/^within the state constraints: 2 outside RefcountAtMostBound/);
  });

  it("gives the same counts under BFS, DFS and two workers", async () => {
    const o = { constants: { BUGGY: true, BOUND: 100_000 }, deadlock: false, invariants: ["NoUnderflow", "FreedOnlyAtZero"] };
    const [bfs, dfs, two] = [await run(o), await run({ ...o, strategy: "dfs" }), await run({ ...o, workers: 2 })];
    for (const r of [dfs, two]) {
      expect(r).toMatchObject({ verdict: "bounded", distinctStates: bfs.distinctStates, generatedStates: bfs.generatedStates, constrained: bfs.constrained });
    }
    expect(bfs.constrained!["RefcountAtMostBound"]).toBeGreaterThan(0);
    expect(two.depth).toBe(bfs.depth);
  });

  it("is a proof when no reachable state is outside", async () => {
    const r = await run({ constants: { BOUND: 2000 } });
    expect(r).toMatchObject({ verdict: "ok", distinctStates: 6, constrained: { RefcountAtMostBound: 0 } });
  });

  it("finds an invariant violation inside the constraint as usual", async () => {
    const s = defineSpec({
      name: "up",
      init: [0],
      actions: { Inc: (x: number) => x + 1 },
      invariants: { Below7: (x: number) => x < 7 },
      constraints: { AtMost9: (x: number) => x <= 9 },
    });
    const r = await check(s);
    expect(r).toMatchObject({ verdict: "violation", violation: { kind: "invariant", name: "Below7" } });
    expect(r.violation!.trace).toHaveLength(8);
    // a state outside is still checked: the invariant breaks on it
    const edge = await check(defineSpec({ name: "up2", init: [0], actions: { Inc: (x: number) => x + 1 }, invariants: { Below3: (x: number) => x < 3 }, constraints: { AtMost2: (x: number) => x <= 2 } }));
    expect(edge).toMatchObject({ verdict: "violation", violation: { name: "Below3" }, distinctStates: 4 });
  });

  it("liveness: behaviours that leave the constraint are cut, never read as stuttering at its edge", async () => {
    // correct unpin, refcount ≤ 1024: the pinned page (1025) is outside; it must not "stutter
    // forever" unfreed, so PageFreedAfterLastPut holds within the constraint
    const r = await run({ constants: { BOUND: 1024 } });
    expect(r).toMatchObject({ verdict: "bounded", distinctStates: 6, constrained: { RefcountAtMostBound: 1 } });
    expect(r.violation).toBeUndefined();
    // the leak: a real fair behaviour inside the constraint still violates it (the page is never freed)
    const v = await run({ constants: leak, deadlock: false });
    expect(v).toMatchObject({ verdict: "violation", violation: { kind: "liveness", name: "PageFreedAfterLastPut", loopAction: null } });
    expect((v.violation!.trace.at(-1)!.state as { page: { refcount: number } }).page.refcount).toBe(1023);
    const two = await run({ constants: leak, deadlock: false, workers: 2 });
    expect(two.violation!.trace.map((t) => t.action)).toEqual(v.violation!.trace.map((t) => t.action));
  });

  it("works in simulate: a walk stops at a state outside", async () => {
    const r = await simulate(pin as Spec<unknown>, { seed: 1, depth: 200, runs: 100, deadlock: false, constants: { BUGGY: true, BOUND: 1024 } });
    expect(r.verdict).toBe("bounded");
    expect(r.simulation.cut).toBeGreaterThan(0);
  });

  it("the text and JSON say so, and the exit code is 3", async () => {
    const t = await mc("check", file, "--const", "BUGGY=true", "--const", "BOUND=4096", "--no-deadlock", "--invariant", "NoUnderflow", "--no-typecheck");
    expect(t.code).toBe(3);
    expect(t.out).toContain("… Holds only within the state constraints: Invariant NoUnderflow holds on the 30 states explored");
    expect(t.out).toContain("verdict     bounded: holds only within the state constraints");
    const j = await mc("check", file, "--const", "BUGGY=true", "--const", "BOUND=4096", "--no-deadlock", "--invariant", "NoUnderflow", "--no-typecheck", "--json");
    expect(JSON.parse(j.out)).toMatchObject({ verdict: "bounded", constrained: { RefcountAtMostBound: 2 }, invariants: ["NoUnderflow"], selected: true });
  });

  it("a constraint that throws or returns a non-boolean is MC073; `constraint:` is MC005", async () => {
    const base = { name: "c", init: [0], actions: { Inc: (x: number) => (x < 3 ? x + 1 : null) } };
    await expect(check(defineSpec({ ...base, constraints: { Boom: () => { throw new Error("no"); } } }))).rejects.toMatchObject({ code: "MC073", message: expect.stringContaining("state constraint 'Boom' threw Error: no in state 0") });
    await expect(check(defineSpec({ ...base, constraints: { Num: (x: number) => x as unknown as boolean } }))).rejects.toMatchObject({ code: "MC073" });
    expect(() => defineSpec({ ...base, constraint: (x: number) => x < 2 } as never)).toThrow(/`constraint` is not a field; write `constraints: \{ Name: \(s\) => boolean \}`/);
  });
});

describe("terminal states", () => {
  const Door = Record({ open: false, gone: false });
  type Door = ReturnType<typeof Door>;
  const door = (terminal: boolean) =>
    defineSpec({
      name: "door",
      init: [Door()],
      actions: { Open: (s: Door) => (!s.open ? s.set("open", true) : null), Leave: (s: Door) => (s.open && !s.gone ? s.set("gone", true) : null) },
      ...(terminal ? { terminal: { Left: (s: Door) => s.gone } } : {}),
      fairness: { Open: "weak", Leave: "weak" },
      properties: { EventuallyGone: eventually((s: Door) => s.gone) },
      view: { counters: (s: Door) => ({ open: s.open ? 1 : 0 }) },
    });

  it("a terminal state with no successor is not a deadlock", async () => {
    expect(await check(door(true))).toMatchObject({ verdict: "ok", distinctStates: 3, terminalStates: 1 });
    expect(await check(door(false))).toMatchObject({ verdict: "violation", violation: { kind: "deadlock" } });
  });

  it("a terminal state that is not the end is still a deadlock elsewhere", async () => {
    const s = defineSpec({ name: "t", init: [0], actions: { Inc: (x: number) => (x < 2 ? x + 1 : null) }, terminal: { AtOne: (x: number) => x === 1 } });
    expect(await check(s)).toMatchObject({ verdict: "violation", violation: { kind: "deadlock" }, depth: 3 });
  });

  it("the same under two workers and DFS, and in simulate", async () => {
    const o = { constants: { BUGGY: false }, invariants: ["NoUnderflow"] };
    const [a, b, c] = [await run(o), await run({ ...o, workers: 2 }), await run({ ...o, strategy: "dfs" })];
    for (const r of [a, b, c]) expect(r).toMatchObject({ verdict: "ok", distinctStates: 6, terminalStates: 1 });
    const sim = await simulate(pin as Spec<unknown>, { seed: 1, depth: 50, runs: 50, deadlock: true });
    expect(sim.verdict).toBe("bounded");
    expect(sim.simulation.terminal).toBeGreaterThan(0);
  });

  it("a deadlock's timeline legend and hint read properly", async () => {
    const r = await mc("check", file, "--const", "BUGGY=true", "--const", "BOUND=4096", "--no-typecheck");
    expect(r.code).toBe(1);
    expect(r.out).toContain("* marks the deadlocked state, where no action is enabled");
    expect(r.out).not.toContain("broke deadlock");
    expect(r.out).toContain("declare it: terminal: { Name: (s) => ... }");
  });

  it("a terminal predicate that throws is MC074", async () => {
    const s = defineSpec({ name: "t", init: [0], actions: { Inc: (x: number) => (x < 2 ? x + 1 : null) }, terminal: { Boom: () => { throw new Error("x"); } } });
    await expect(check(s)).rejects.toMatchObject({ code: "MC074" });
  });
});

describe("constants' min and max", () => {
  it("--const outside them is MC075; a bad declaration is MC005", async () => {
    const r = await mc("check", file, "--const", "BOUND=-1", "--no-typecheck");
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC075");
    expect(r.err).toContain("--const BOUND=-1: spec 'fixtures/foll-pin-leak' declares 'BOUND' at least 0");
    expect(() => defineSpec({ name: "m", constants: { N: { default: 0, min: 1 } }, init: [0], actions: { A: () => null } })).toThrow(/min.*max/);
  });
});

// mc regress type-checks the spec first (about 20 s with a cold cache): in the long suite
describe.skipIf(!process.env["MC_LONG"])("mc regress", () => {
  it("records and re-checks a constrained configuration (verdict bounded, the states outside)", async () => {
    const { readFileSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = tempDir("mc-constraint-");
    const flags = ["--no-deadlock", "--const", "BUGGY=true", "--const", "BOUND=4096", "--invariant", "NoUnderflow"];
    writeFileSync(join(dir, "foll-pin-leak.json"), JSON.stringify({ spec: "fixtures/foll-pin-leak", runs: [{ flags }, { flags: [] }] }));
    const args = ["regress", "--specs", "test/fixtures", "--only", "foll-pin-leak", "--results", dir];
    expect((await mc(...args, "--update")).code).toBe(0);
    const rec = JSON.parse(readFileSync(join(dir, "foll-pin-leak.json"), "utf8")) as { runs: object[] };
    expect(rec.runs[0]).toMatchObject({ verdict: "bounded", distinctStates: 30, constrained: { RefcountAtMostBound: 2 } });
    expect(rec.runs[1]).toMatchObject({ verdict: "ok", distinctStates: 6, constrained: { RefcountAtMostBound: 0 } });
    const again = await mc(...args, "--workers", "2");
    expect(again.code).toBe(0);
  });
});

describe("mc graph", () => {
  it("draws states outside a constraint dashed and unexpanded, and a terminal state as no deadlock", async () => {
    const g = await mc("graph", file, "--const", "BUGGY=true", "--const", "BOUND=2100", "--no-typecheck");
    expect(g.code).toBe(0);
    expect(g.out.match(/style=dashed/g)).toHaveLength(2); // pinned at 3071 and at 3070
    const ok = await mc("graph", file, "--no-typecheck");
    expect(ok.out).not.toContain("octagon"); // the freed page is terminal
  });
});
