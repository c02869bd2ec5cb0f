// --coverage: exact per-action and per-invariant counts on tiny models, the same numbers for one
// worker and two (also when a violation or --max-states cuts a level short), and the warning for
// an action that no reachable state enables, with and without --coverage.
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import { check, defineSpec } from "../../src/index.js";

const run = async (...a: string[]) => JSON.parse((await mc("check", "--no-typecheck", "--json", ...a)).out);

describe("--coverage", () => {
  it("counts by hand on the grid: W*W states, each move enabled off one edge", async () => {
    const j = await run(fixture("grid.ts"), "--coverage", "--const", "W=3");
    expect(j.verdict).toBe("ok");
    // 9 states; Right is enabled where x < 2: 6 states, one successor each. BFS tries Right
    // first, but only (1,0) and (2,0) are new when it does: every other state is first reached
    // by Up from a state expanded earlier (e.g. (1,1) from (1,0), before (0,1) moves Right).
    expect(j.coverage.actions).toEqual([
      { name: "Right", enabled: 6, generated: 6, distinct: 2 },
      { name: "Left", enabled: 6, generated: 6, distinct: 0 },
      { name: "Up", enabled: 6, generated: 6, distinct: 6 },
      { name: "Down", enabled: 6, generated: 6, distinct: 0 },
    ]);
    expect(j.coverage.invariants).toEqual([{ name: "NotTarget", evaluated: 9 }]);
    expect(j.warnings).toEqual([]);
  });

  it("adds up: successors plus initial states is generated, new states plus initial states is distinct", async () => {
    for (const [spec, ...flags] of [[fixture("sets.ts")], [fixture("mailbox.ts")], ["specs/fsdax-idle/felixB.ts"], ["specs/devpriv-free/v61.ts"]]) {
      const j = await run(spec!, "--coverage", ...flags);
      const sum = (k: "generated" | "distinct"): number => j.coverage.actions.reduce((n: number, a: Record<string, number>) => n + a[k]!, 0);
      // every spec here has one initial state
      expect(sum("generated") + 1, spec).toBe(j.generatedStates);
      expect(sum("distinct") + 1, spec).toBe(j.distinctStates);
    }
  });

  it("an invariant after the broken one was checked on one state fewer", async () => {
    const j = await run(fixture("grid.ts"), "--coverage", "--const", "W=4", "--const", "TX=2", "--const", "TY=1");
    expect(j.verdict).toBe("violation");
    expect(j.coverage.invariants).toEqual([{ name: "NotTarget", evaluated: j.distinctStates }]);
    const ok = await run(fixture("dead-action.ts"), "--coverage");
    expect(ok.coverage.invariants).toEqual([
      { name: "BelowLimit", evaluated: 4 },
      { name: "NonNegative", evaluated: 4 },
    ]);
    // 0, 1, 2: the state 2 breaks BelowLimit, so NonNegative never sees it
    const bad = await run(fixture("dead-action.ts"), "--coverage", "--const", "LIMIT=2");
    expect(bad.verdict).toBe("violation");
    expect(bad.coverage.invariants).toEqual([
      { name: "BelowLimit", evaluated: 3 },
      { name: "NonNegative", evaluated: 2 },
    ]);
  });

  it("gives identical numbers with --workers 1 and 2, complete or cut short", async () => {
    const configs = [
      ["specs/fsdax-idle/felixB.ts"], // a violation in the middle of a level
      ["specs/fsdax-idle/popple2024.ts"],
      ["specs/devpriv-free/v61.ts", "--max-states", "700"], // --max-states in the middle of a level
      [fixture("sets.ts"), "--const", "N=6", "--max-states", "37"],
      [fixture("sets.ts"), "--const", "N=6", "--const", "BAD=3"], // the first of several successors breaks it
      [fixture("grid.ts"), "--const", "W=6", "--const", "TX=3", "--const", "TY=4"],
    ];
    for (const c of configs) {
      const one = await run(...c, "--coverage");
      const two = await run(...c, "--coverage", "--workers", "2");
      expect(two.coverage, c.join(" ")).toEqual(one.coverage);
      expect(two.generatedStates).toBe(one.generatedStates);
    }
  });

  it("warns about an action that is never enabled, even without --coverage: in the text report, warnings in JSON", async () => {
    const text = await mc("check", "--no-typecheck", fixture("dead-action.ts"));
    expect(text.code).toBe(0);
    expect(text.out).toContain("! Warning: action 'Overflow' is never enabled in any of the 4 reachable states (almost always a spec bug: a guard that never holds, or a misspelt state field).\n");
    expect(text.out.match(/Warning/g)).toHaveLength(1);
    for (const w of ["1", "2"]) {
      const j = await run(fixture("dead-action.ts"), "--workers", w);
      expect(j.warnings).toEqual([expect.stringContaining("action 'Overflow' is never enabled")]);
      expect(j.coverage).toBeUndefined();
    }
    const cov = await mc("check", "--no-typecheck", fixture("dead-action.ts"), "--coverage");
    expect(cov.out).toMatch(/Overflow\s+0\s+0\s+0\s+never enabled/);
    expect(cov.out).toMatch(/Reset\s+3\s+3\s+0\n/);
    expect(cov.out).toMatch(/Tick\s+4\s+4\s+3\n/);
    // an action every state enables gets no warning; a run that stopped early warns about nothing
    expect((await run(fixture("jugs.ts"))).warnings).toEqual([]);
  });
});

describe("view.mayNeverFire", () => {
  const spec = (mayNeverFire: string[]) =>
    defineSpec({
      name: "counter with a guard for a fault that never happens",
      init: [0],
      actions: { Tick: (s: number) => (s + 1) % 3, Halt: (s: number) => (s < 0 ? s : null) },
      view: { mayNeverFire },
    });

  it("silences the never-enabled warning for the actions it names, and only those", async () => {
    expect((await check(spec(["Halt"]))).warnings ?? []).toEqual([]);
    expect((await check(spec([]))).warnings).toEqual([expect.stringContaining("action 'Halt' is never enabled")]);
  });

  it("naming no action is a spec error, MC005", async () => {
    await expect(check(spec(["Hlt"]))).rejects.toThrow(/MC005|mayNeverFire.*'Hlt'.*no action/);
  });
});
