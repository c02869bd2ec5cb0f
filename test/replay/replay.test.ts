// `mc replay`: a saved counterexample (ITF or mc JSON) re-run against the spec as it is now.
// Exit 1 while it still violates, 0 once the property holds, 2 at the first step that no
// longer fits; lassos (the loop step, the property on the lasso, fairness) from hand-built results.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderItf } from "../../src/report/itf.js";
import { renderJsonTrace } from "../../src/report/trace-file.js";
import type { CheckResult, TraceStep } from "../../src/result/result.js";
import { propertyBrokenOnLasso } from "../../src/replay/lasso.js";
import { eventually, eventuallyAlways, infinitelyOften, leadsTo } from "../../src/index.js";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const jugs = fixture("jugs.ts");
const lasso = fixture("lasso.ts");
const dir = tempDir("mc-replay-");

async function saved(name: string, ...args: string[]): Promise<string> {
  const file = join(dir, name);
  const r = await mc("check", ...args, "--no-typecheck", "--trace", file);
  expect(r.err).toContain(`wrote the counterexample as ${name.endsWith(".itf.json") ? "ITF" : "mc JSON"} to ${file}`);
  return file;
}

describe("mc replay", () => {
  it("a trace that still breaks its invariant: exit 1, in both formats", async () => {
    for (const name of ["jugs.itf.json", "jugs.json"]) {
      const file = await saved(name, jugs);
      const r = await mc("replay", jugs, file, "--no-typecheck");
      expect(r.code).toBe(1);
      expect(r.out).toContain("6. BigToSmall ✓");
      expect(r.out).toContain("✗ Still violated: invariant NotSolved is still false in the last state.");
    }
  });

  it("after a fix (another constant) every step replays and the invariant holds: exit 0", async () => {
    const file = await saved("fix.itf.json", jugs);
    const r = await mc("replay", jugs, file, "--no-typecheck", "--const", "GOAL=9");
    expect(r.code).toBe(0);
    expect(r.out).toContain("constants SMALL=3 BIG=5 GOAL=9");
    expect(r.out).toContain("✓ Every step replays and the violation is gone: invariant NotSolved now holds in the last state.");
  });

  it("a trace that no longer fits names the first step that does not: exit 2", async () => {
    const file = await saved("misfit.json", jugs);
    const r = await mc("replay", jugs, file, "--no-typecheck", "--const", "BIG=6");
    expect(r.code).toBe(2);
    expect(r.out).toContain("✗ The trace no longer fits the spec at step 1: action FillBig cannot produce the recorded state");
    expect(r.out).toContain('recorded state 1: {"small":0,"big":5}');
    // a recorded action the spec no longer has
    const j = JSON.parse(readFileSync(file, "utf8"));
    j.violation.trace[3].action = "Spill";
    writeFileSync(file, JSON.stringify(j));
    const gone = await mc("replay", jugs, file, "--no-typecheck");
    expect(gone.code).toBe(2);
    expect(gone.out).toContain("at step 3: the spec has no action Spill");
  });

  it("an ITF trace without actions (as other tools write them) is matched against every action", async () => {
    const file = await saved("foreign.itf.json", jugs);
    const t = JSON.parse(readFileSync(file, "utf8"));
    delete t["#meta"];
    for (const s of t.states) s["#meta"] = { index: s["#meta"].index };
    writeFileSync(file, JSON.stringify(t));
    const r = await mc("replay", jugs, file, "--no-typecheck");
    expect(r.code).toBe(1);
    expect(r.out).toContain("1. FillBig ✓");
    expect(r.out).toContain("invariant NotSolved is false in the last state");
  });

  it("a deadlock trace replays to a deadlock, and not once the spec no longer stops there", async () => {
    const counter = fixture("counter.ts");
    const file = await saved("deadlock.itf.json", counter, "--const", "DEADLOCK_AT=3");
    const still = await mc("replay", counter, file, "--no-typecheck");
    expect(still.code).toBe(1);
    expect(still.out).toContain("the last state still enables no action (deadlock)");
    const fixed = await mc("replay", counter, file, "--no-typecheck", "--const", "DEADLOCK_AT=-1");
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain("no longer a deadlock: Tick enabled");
  });

  it("a kernel spec's trace (Records with null and false fields) replays from ITF", async () => {
    const felixB = "specs/fsdax-idle/felixB.ts";
    const file = await saved("felixB.itf.json", felixB);
    const r = await mc("replay", felixB, file, "--no-typecheck");
    expect(r.out).toContain("6. TWait ✓");
    expect(r.out).toContain("invariant NoStrandedWaiter is still false");
    expect(r.code).toBe(1);
  });

  it("bad trace files and unknown invariants are clear errors", async () => {
    const junk = join(dir, "junk.json");
    writeFileSync(junk, JSON.stringify({ hello: 1 }));
    const r = await mc("replay", jugs, junk, "--no-typecheck");
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC043");
    expect((await mc("replay", jugs, join(dir, "none.json"), "--no-typecheck")).err).toContain("no such trace file");
    const file = await saved("renamed.json", jugs);
    const j = JSON.parse(readFileSync(file, "utf8"));
    j.violation.name = "Gone";
    writeFileSync(file, JSON.stringify(j));
    const m = await mc("replay", jugs, file, "--no-typecheck");
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/MC044.*invariant Gone.*its invariants: NotSolved/s);
  });
});

const cycle = (states: number[], loop: number, loopAction: string | null, name = "ReachesThree"): CheckResult => {
  const trace: TraceStep[] = states.map((state, i) => ({ action: i === 0 ? null : states[i - 1]! < 3 && state < 3 ? "Tick" : state === 3 && states[i - 1] === 3 ? "Stay" : "Jump", state }));
  return {
    spec: "fixtures/lasso",
    file: lasso,
    verdict: "violation",
    distinctStates: 4,
    generatedStates: 4,
    depth: states.length,
    violation: { kind: "liveness", name, trace, loop, loopAction },
    strategy: "bfs",
    workers: 1,
    constants: { FAIR: false },
    durationMs: 1,
    collisionProbability: 0,
    storeBytes: 0,
  };
};

describe("mc replay of lassos", () => {
  const write = (name: string, r: CheckResult, render = renderItf): string => {
    const file = join(dir, name);
    writeFileSync(file, render(r)!);
    return file;
  };

  it("0 → 1 → 2 → 0 forever violates <>(s = 3); fair unless Jump is weakly fair", async () => {
    for (const render of [renderItf, renderJsonTrace]) {
      const file = write(render === renderItf ? "cycle.itf.json" : "cycle.json", cycle([0, 1, 2], 0, "Tick"), render);
      const unfairSpec = await mc("replay", lasso, file, "--no-typecheck");
      expect(unfairSpec.code).toBe(1);
      expect(unfairSpec.out).toContain("3. back to state 0 (Tick) ✓");
      expect(unfairSpec.out).toContain("the lasso is fair under the spec's fairness");
      expect(unfairSpec.out).toContain("✗ Still violated: property ReachesThree is violated on the lasso");
      // with WF(Jump), a behaviour that never jumps although it always could is not fair
      const fair = await mc("replay", lasso, file, "--no-typecheck", "--const", "FAIR=true");
      expect(fair.code).toBe(0);
      expect(fair.out).toContain("not fair: weak fairness of Jump (enabled on every cycle state, never taken)");
      expect(fair.out).toContain("so no fair behaviour of the spec takes it");
    }
  });

  it("the loop step must replay too: 0 → 1 and back to 0 by Tick does not fit", async () => {
    const r = await mc("replay", lasso, write("bad-loop.itf.json", cycle([0, 1], 0, "Tick")), "--no-typecheck");
    expect(r.code).toBe(2);
    expect(r.out).toContain("the loop step: the loop step back to state 0: action Tick cannot produce the recorded state");
  });

  it("a stuttering loop (null loop action) at 3 satisfies <>(s = 3): the property holds on it", async () => {
    const r = await mc("replay", lasso, write("stutter.itf.json", cycle([0, 3], 1, null)), "--no-typecheck");
    expect(r.code).toBe(0);
    expect(r.out).toContain("back to state 1 (stuttering) ✓");
    expect(r.out).toContain("property ReachesThree holds on the lasso");
  });

  it("an action property's trace: still broken on the last step", async () => {
    const r = cycle([0, 1, 2, 0], 0, null);
    const file = write("action.json", { ...r, violation: { kind: "action", name: "NeverBackToZero", trace: r.violation!.trace } }, renderJsonTrace);
    const still = await mc("replay", lasso, file, "--no-typecheck");
    expect(still.code).toBe(1);
    expect(still.out).toContain("3. Tick ✓");
    expect(still.out).toContain("action property NeverBackToZero is still false on the last step");
  });

  it("each temporal operator on a lasso, by its definition", () => {
    const s = [0, 1, 2];
    const is = (k: number) => (x: number) => x === k;
    expect(propertyBrokenOnLasso(eventually(is(0)), s, 1)).toBe(false);
    expect(propertyBrokenOnLasso(eventually(is(5)), s, 1)).toBe(true);
    expect(propertyBrokenOnLasso(infinitelyOften(is(0)), s, 1)).toBe(true); // 0 only in the prefix
    expect(propertyBrokenOnLasso(infinitelyOften(is(2)), s, 1)).toBe(false);
    expect(propertyBrokenOnLasso(eventuallyAlways((x: number) => x > 0), s, 1)).toBe(false);
    expect(propertyBrokenOnLasso(eventuallyAlways(is(1)), s, 1)).toBe(true);
    expect(propertyBrokenOnLasso(leadsTo(is(0), is(2)), s, 1)).toBe(false);
    expect(propertyBrokenOnLasso(leadsTo(is(2), is(0)), s, 1)).toBe(true); // after 2, the cycle 1,2 never shows 0
    expect(propertyBrokenOnLasso(leadsTo(is(2), is(0)), s, 0)).toBe(false); // the cycle 0,1,2 does
    expect(propertyBrokenOnLasso(leadsTo(is(0), is(0)), s, 1)).toBe(false); // q at the same position
  });
});
