// `mc simulate`: the same seed gives the same walks and trace; it finds shallow bugs (invariant,
// action property, deadlock) and prints their traces; the JSON is mc check's plus `simulation`.
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import jugsSpec from "../fixtures/jugs.js";
import { simulate, withoutLoops } from "../../src/explore/simulate.js";
import { compile } from "../../src/model/compile.js";
import { successorsOf } from "../../src/model/successors.js";
import { is, Record } from "immutable";

const jugs = fixture("jugs.ts");
const stepper = fixture("stepper.ts");
const sim = (...a: string[]) => mc("simulate", "--no-typecheck", ...a);
const noTime = (out: string): unknown => ({ ...JSON.parse(out), timeMs: 0 });

describe("mc simulate", () => {
  it("is deterministic for a seed: the same walks, counts and trace", async () => {
    const a = await sim(jugs, "--seed", "7", "--json");
    const b = await sim(jugs, "--seed", "7", "--json");
    expect(a.code).toBe(1);
    expect(noTime(b.out)).toEqual(noTime(a.out));
    const ok1 = await sim(jugs, "--seed", "7", "--json", "--const", "GOAL=9", "--runs", "50");
    const ok2 = await sim(jugs, "--seed", "7", "--json", "--const", "GOAL=9", "--runs", "50");
    expect(noTime(ok2.out)).toEqual(noTime(ok1.out));
    // another seed takes other walks
    const others = await Promise.all(["8", "9", "10"].map((s) => sim(jugs, "--seed", s, "--json")));
    const trace = (o: string): string => JSON.stringify(JSON.parse(o).violation.trace);
    expect(others.some((o) => trace(o.out) !== trace(a.out))).toBe(true);
  });

  it("finds the Die Hard solution and reports a trace of real steps", async () => {
    const r = await sim(jugs, "--seed", "1", "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ spec: "fixtures/jugs", verdict: "violation", strategy: "simulate", workers: 1 });
    expect(j.violation).toMatchObject({ kind: "invariant", name: "NotSolved" });
    const t = j.violation.trace as { action: string | null; state: { small: number; big: number } }[];
    expect(t[0]).toEqual({ action: null, state: { small: 0, big: 0 } });
    expect(t.at(-1)!.state.big).toBe(4);
    expect(j.depth).toBe(t.length);
    // every step is a successor of the state before it, by the action it names
    const model = compile(jugsSpec as never);
    const Jugs = Record({ small: 0, big: 0 });
    for (let i = 1; i < t.length; i++) {
      const a = model.actions[model.actionNames.indexOf(t[i]!.action!)]!;
      expect(successorsOf(a(Jugs(t[i - 1]!.state))).some((s) => is(s, Jugs(t[i]!.state)))).toBe(true);
    }
    // the walk's loops are cut: no state twice
    expect(new Set(t.map((s) => JSON.stringify(s.state))).size).toBe(t.length);
    expect(j.simulation.steps).toBeGreaterThanOrEqual(t.length - 1 + (j.simulation.runs - 1) * 100);
  });

  it("cuts a walk's loops but never its last step", () => {
    const st = (state: number, action: string | null) => ({ action, state });
    // 0 →A 1 →B 2 →C 1 →D 3 →E 1 (the last step, back to 1, is kept)
    const walk = [st(0, null), st(1, "A"), st(2, "B"), st(1, "C"), st(3, "D"), st(1, "E")];
    expect(withoutLoops(walk)).toEqual([st(0, null), st(1, "A"), st(3, "D"), st(1, "E")]);
    expect(withoutLoops([st(0, null), st(0, "Stay"), st(0, "Stay")])).toEqual([st(0, null), st(0, "Stay")]);
    expect(withoutLoops([st(0, null)])).toEqual([st(0, null)]);
  });

  it("prints the trace as mc check does, with the states/s and a command that reproduces it", async () => {
    const r = await sim(stepper, "--seed", "4");
    expect(r.code).toBe(1);
    expect(r.out).toContain("mc: simulating fixtures/stepper (test/fixtures/stepper.ts)\n  seed 4, 1,000 runs of at most 100 steps");
    expect(r.out).toMatch(/✗ Action property StepsByOne is violated by step \d+\./);
    expect(r.out).toMatch(/Counterexample:\n {2}0\. initial state\n {7}\(state\): 0\n {2}1\. (Step|Stay)/);
    expect(r.out).toMatch(/\d+\. Jump\n {7}\(state\): \d+ → \d+\n\nSummary:/);
    expect(r.out).toMatch(/verdict {5}violation \(action property StepsByOne\)/);
    expect(r.out).toMatch(/simulated {3}1 run, \d+ steps, [\d,]+ states\/s/);
    expect(r.out).toContain("reproduce   mc simulate test/fixtures/stepper.ts --seed 4 --depth 100 --runs 1");
  });

  it("reports a deadlock unless --no-deadlock", async () => {
    const d = JSON.parse((await sim(stepper, "--seed", "2", "--json", "--const", "STOP_AT=2", "--const", "JUMP_FROM=99")).out);
    expect(d.verdict).toBe("violation");
    expect(d.violation.kind).toBe("deadlock");
    expect(d.violation.trace.at(-1).state).toBe(2);
    const r = await sim(stepper, "--seed", "2", "--json", "--no-deadlock", "--runs", "20", "--const", "STOP_AT=2", "--const", "JUMP_FROM=99");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ verdict: "bounded", distinctStates: 3, bound: "simulation: 20 random runs of at most 100 steps, seed 2" });
    expect(j.simulation.runs).toBe(20);
  });

  it("no violation found: verdict bounded (nothing is proved), exit 0, the same keys as mc check --json", async () => {
    const s = await sim(jugs, "--seed", "3", "--json", "--const", "GOAL=9", "--runs", "30", "--depth", "10");
    const c = await mc("check", jugs, "--no-typecheck", "--json", "--const", "GOAL=9");
    expect(s.code).toBe(0);
    const j = JSON.parse(s.out);
    expect(j).toMatchObject({ verdict: "bounded", generatedStates: 30 * 11, depth: 11, simulation: { seed: 3, runs: 30, steps: 300, depth: 10 } });
    expect(j.distinctStates).toBeLessThanOrEqual(16);
    const { simulation: _, bound: __, ...rest } = j;
    expect(Object.keys(rest).sort()).toEqual(Object.keys(JSON.parse(c.out)).sort());
  });

  it("--time runs for about that long", async () => {
    const t0 = Date.now();
    const r = await sim(jugs, "--seed", "3", "--json", "--const", "GOAL=9", "--time", "0.5");
    const ms = Date.now() - t0;
    expect(r.code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(JSON.parse(r.out).simulation.runs).toBeGreaterThan(1);
  });

  it("bad input: --runs with --time, a bad seed, a throwing action property", async () => {
    const both = await sim(jugs, "--runs", "3", "--time", "1");
    expect(both.code).toBe(2);
    expect(both.err).toContain("MC020");
    expect(both.err).toContain("give --runs or --time, not both");
    const seed = await sim(jugs, "--seed", "-1");
    expect(seed.code).toBe(2);
    expect(seed.err).toContain("MC023");
    const thr = await sim(stepper, "--seed", "1", "--const", "THROW=true");
    expect(thr.code).toBe(2);
    expect(thr.err).toMatch(/MC050 .*\n {2}test\/fixtures\/stepper.ts: action property 'StepsByOne' threw Error: boom on step (Step|Stay) from 0 to [01]\./);
    expect(thr.err).not.toContain("    at ");
  });

  it("--no-symmetry counts every state, the walks unchanged; a broken symmetry is refused (MC051) unless --no-symmetry", async () => {
    // devpriv-sym at P=2 T=3: 11 orbits, 44 states (mc check with and without symmetry); 40 walks of 25 steps visit them all
    const run = async (...f: string[]) => JSON.parse((await sim("specs/devpriv-sym.ts", "--seed", "3", "--runs", "40", "--depth", "25", "--const", "P=2", "--const", "T=3", "--json", ...f)).out);
    const [q, all] = await Promise.all([run(), run("--no-symmetry")]);
    expect([q.distinctStates, q.symmetry]).toEqual([11, { Threads: 3, Pages: 2 }]);
    expect([all.distinctStates, all.symmetry]).toEqual([44, undefined]);
    expect([all.generatedStates, all.simulation]).toEqual([q.generatedStates, q.simulation]);
    const text = await sim("specs/devpriv-sym.ts", "--seed", "3", "--runs", "2", "--no-symmetry");
    expect(text.out).toContain("reproduce   mc simulate specs/devpriv-sym.ts --seed 3 --depth 100 --runs 2 --no-symmetry");
    const broken = await sim(fixture("sym-mutex.ts"), "--seed", "1", "--const", "BREAK=action");
    expect([broken.code, broken.err]).toEqual([2, expect.stringContaining("MC051")]);
    expect(broken.err).toContain("action 'Take' treats set Threads asymmetrically");
    expect((await sim(fixture("sym-mutex.ts"), "--seed", "1", "--const", "BREAK=action", "--no-symmetry")).code).toBe(1);
  });

  it("the API: simulate() returns the result with its simulation counts", async () => {
    const r = await simulate(jugsSpec, { seed: 5, depth: 20, runs: 3, deadlock: true, constants: { GOAL: 9 } });
    expect(r.verdict).toBe("bounded");
    expect(r.simulation).toEqual({ seed: 5, runs: 3, steps: 60, depth: 20 });
    expect(r.generatedStates).toBe(63);
  });
});
