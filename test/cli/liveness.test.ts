// mc check with temporal and action properties: the lasso's text and JSON, --property and
// --invariant, and every spec or usage error they bring, each a clean exit 2.
import { describe, expect, it } from "vitest";
import { mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const ticker = "test/fixtures/live/ticker.ts";
const broken = "test/fixtures/live/broken.ts";

function expectCleanError(r: { code: number; err: string }, code: string, ...parts: (string | RegExp)[]): void {
  expect(r.code).toBe(2);
  expect(r.err).toContain(`error ${code}`);
  for (const p of parts) expect(r.err).toMatch(p);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe("mc check with properties", () => {
  it("prints a lasso: the prefix, where the cycle starts, how it closes, fairness, the timeline", async () => {
    const r = await mc("check", ticker, "--no-typecheck", "--property", "StaysAtThree");
    expect(r.code).toBe(1);
    expect(r.out).toContain("Property StaysAtThree is violated");
    expect(r.out).toContain("cycle starts here (state 0)");
    expect(r.out).toContain("back to state 0 by Reset");
    expect(r.out).toMatch(/WF Tick\s+enabled somewhere\s+taken/);
    expect(r.out).toMatch(/~ marks the cycle, steps 0\.\.3/);
    expect(r.out).toContain("verdict     violation (property StaysAtThree)");
  });

  it("prints a stuttering lasso", async () => {
    const r = await mc("check", ticker, "--no-typecheck", "--property", "ReachesThree", "--const", "FAIR=none");
    expect(r.code).toBe(1);
    expect(r.out).toContain("state 0 stutters here forever");
    expect(r.out).toContain("no fairness entries");
  });

  it("--json: kind liveness with loop and loopAction; kind action for an action property", async () => {
    const live = JSON.parse((await mc("check", ticker, "--no-typecheck", "--json", "--property", "StaysAtThree")).out);
    expect(live.verdict).toBe("violation");
    expect(live.violation).toMatchObject({ kind: "liveness", name: "StaysAtThree", loop: 0, loopAction: "Reset" });
    expect(live.violation.trace).toEqual([
      { action: null, state: 0 },
      { action: "Tick", state: 1 },
      { action: "Tick", state: 2 },
      { action: "Tick", state: 3 },
    ]);
    const act = JSON.parse((await mc("check", ticker, "--no-typecheck", "--json", "--property", "NeverReset")).out);
    expect(act.violation).toMatchObject({ kind: "action", name: "NeverReset" });
    expect(act.violation.trace.at(-1)).toEqual({ action: "Reset", state: 0 });
    expect(act.violation.loop).toBeUndefined();
  });

  it("a passing run names its properties; --invariant and --property select what is checked", async () => {
    const ok = await mc("check", ticker, "--no-typecheck", "--property", "ReachesThree", "--property", "StepsByOne");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("✓ Properties ReachesThree, StepsByOne hold on 4 distinct states"); // no invariant was checked (issue 18)
    const inv = await mc("check", ticker, "--no-typecheck", "--invariant", "BelowThree");
    expect(inv.code).toBe(1);
    expect(inv.out).toContain("Invariant BelowThree is violated");
  });

  it("unknown names are usage errors listing the known ones", async () => {
    expectCleanError(await mc("check", ticker, "--no-typecheck", "--property", "Nope"), "MC024", "--property Nope", "ReachesThree, ZeroLeadsToTwo");
    expectCleanError(await mc("check", ticker, "--no-typecheck", "--invariant", "Nope"), "MC024", "--invariant Nope", "BelowThree");
  });

  it("temporal properties need BFS: DFS refuses them clearly", async () => {
    expectCleanError(await mc("check", ticker, "--no-typecheck", "--strategy", "dfs", "--property", "ReachesThree"), "MC019", "ReachesThree", "--strategy bfs");
  });

  it("spec errors: predicates and action properties that throw or return a non-boolean, bad fairness, a non-property", async () => {
    const run = (b: string) => mc("check", broken, "--no-typecheck", "--const", `BREAK=${b}`);
    expectCleanError(await run("predicate-throws"), "MC015", "property 'Boom'", "no ones", "in state 1");
    expectCleanError(await run("predicate-non-boolean"), "MC016", "property 'Count'", "(number)");
    expectCleanError(await run("action-throws"), "MC017", "action property 'Explodes'", "no twos", "Tick");
    expectCleanError(await run("action-non-boolean"), "MC018", "action property 'Diff'", "(number)");
    expectCleanError(await run("fairness"), "MC005", "fairness entry 'Tock'", "names no action");
    expectCleanError(await run("not-a-property"), "MC005", "property 'Plain' is not a temporal property");
  });
});

describe("mc regress with properties", () => {
  it("records and replays configurations with --property and --invariant, with the lasso's loop", async () => {
    const { readFileSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = tempDir("mc-live-results-");
    const file = join(dir, "ticker.json");
    const flags = [["--property", "StaysAtThree"], ["--property", "ReachesThree", "--property", "NeverReset"], ["--invariant", "BelowThree"]];
    writeFileSync(file, JSON.stringify({ spec: ticker, runs: flags.map((f) => ({ flags: f })) }));
    const base = ["--results", dir, "--specs", "test/fixtures/live", "--only", "ticker"];
    expect((await mc("regress", "--update", ...base)).code).toBe(0);
    const runs = JSON.parse(readFileSync(file, "utf8")).runs;
    expect(runs[0].violation).toMatchObject({ kind: "liveness", name: "StaysAtThree", loop: 0, loopAction: "Reset", traceLength: 4 });
    expect(runs[1].violation).toMatchObject({ kind: "action", name: "NeverReset" });
    expect(runs[1].violation.loop).toBeUndefined();
    expect(runs[2].violation).toMatchObject({ kind: "invariant", name: "BelowThree" });
    const clean = await mc("regress", ...base);
    expect(clean.code).toBe(0);
    runs[0].violation.loop = 1;
    writeFileSync(file, JSON.stringify({ spec: ticker, runs }));
    const drift = await mc("regress", ...base);
    expect(drift.code).toBe(1);
    expect(drift.out).toMatch(/--property StaysAtThree.*DIFFERS/);
  }, 120_000);
});
