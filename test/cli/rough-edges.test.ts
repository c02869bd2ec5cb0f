// Issue 18 §5, the rough edges a newcomer met, each as the command that showed it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

describe("mc JSON traces are lossless", () => {
  it("a Set-state counterexample written with --trace t.json replays (and so does --json's output)", async () => {
    const dir = tempDir("mc-set-trace-");
    const t = join(dir, "t.json");
    expect((await mc("check", fixture("set-iter.ts"), "--no-typecheck", "--trace", t)).code).toBe(1);
    const r = await mc("replay", fixture("set-iter.ts"), t, "--no-typecheck");
    expect(r.out).toContain("Still violated: invariant NoZero");
    expect(r.code).toBe(1);
    const j = await mc("check", fixture("set-iter.ts"), "--no-typecheck", "--json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "j.json"), j.out);
    expect((await mc("replay", fixture("set-iter.ts"), join(dir, "j.json"), "--no-typecheck")).code).toBe(1);
  });
});

describe("counter timeline cells are sized to the values", () => {
  it("4- and 5-digit refcounts stay apart, in a plain trace and in a lasso", async () => {
    const plain = await mc("check", fixture("foll-pin-leak.ts"), "--const", "BUGGY=true", "--const", "BOUND=4096", "--no-typecheck");
    expect(plain.out).toMatch(/\n {2}step +0 +1 +2 +3 +4\*\n {2}page +1 +2 1025 1024 1023\n/);
    const lasso = await mc("check", fixture("foll-pin-leak.ts"), "--const", "BUGGY=true", "--const", "BOUND=4096", "--no-deadlock", "--no-typecheck");
    expect(lasso.out).toMatch(/\n {2}page +1 +2 +1025 +1024 +1023\n/);
  });
});

describe("--invariant says what was checked", () => {
  it("names the invariants in the verdict and lists them in JSON", async () => {
    const t = await mc("check", fixture("foll-pin-leak.ts"), "--invariant", "NoUnderflow", "--no-typecheck");
    expect(t.out).toContain("✓ Invariant NoUnderflow holds on 6 distinct states.");
    expect(t.out).toContain("only these were checked");
    const j = JSON.parse((await mc("check", fixture("foll-pin-leak.ts"), "--invariant", "NoUnderflow", "--json", "--no-typecheck")).out);
    expect(j).toMatchObject({ verdict: "ok", invariants: ["NoUnderflow"], selected: true });
    expect(j.properties).toBeUndefined();
    const all = JSON.parse((await mc("check", fixture("foll-pin-leak.ts"), "--json", "--no-typecheck")).out);
    expect(all).toMatchObject({ invariants: ["NoUnderflow", "FreedOnlyAtZero"], properties: ["PageFreedAfterLastPut"] });
    expect(all.selected).toBeUndefined();
  });
});

describe("command-line errors read as mc's own", () => {
  it("flags as typed, with -- and a full stop; one error, not the command's too", async () => {
    const r = await mc("simulate", "nowhere.ts", "--invariants", "X");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown flag --invariants. Run `mc --help`");
    expect(r.err).not.toContain("MC001"); // the command did not start
    expect((await mc("check", "a.ts", "--bar", "--baz-qux")).err).toContain("Unknown flags --bar, --baz-qux.");
    expect((await mc("check", "a.ts", "b.ts")).err).toContain("Unexpected argument 'b.ts'.");
    expect((await mc("frob")).err).toContain("Unknown command 'frob': the commands are check, simulate, replay, graph and regress.");
  });
});

describe("mc simulate --invariant / --property", () => {
  it("checks only those named, and an unknown name is MC024", async () => {
    const base = ["simulate", fixture("foll-pin-leak.ts"), "--seed", "1", "--runs", "20", "--no-typecheck"];
    const j = JSON.parse((await mc(...base, "--invariant", "NoUnderflow", "--json")).out);
    expect(j).toMatchObject({ verdict: "bounded", invariants: ["NoUnderflow"], selected: true });
    const bad = await mc(...base, "--invariant", "Nope");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("MC024");
    // an action property, named, is checked; the reproduce line keeps the selection
    const a = await mc("simulate", fixture("live/ticker.ts"), "--seed", "1", "--runs", "5", "--no-typecheck", "--property", "StepsByOne");
    expect(a.out).toContain("--property StepsByOne");
    // a temporal property named to simulate is said not to be checked, never silently passed
    const t = JSON.parse((await mc(...base, "--property", "PageFreedAfterLastPut", "--json")).out);
    expect(t.warnings[0]).toMatch(/^temporal property PageFreedAfterLastPut is not checked by simulation/);
  });
});

describe("--strategy dfs with temporal properties", () => {
  it("checks the invariants and action properties, and says the temporal ones need BFS", async () => {
    const r = await mc("check", fixture("foll-pin-leak.ts"), "--strategy", "dfs", "--no-typecheck", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ verdict: "ok", distinctStates: 6, invariants: ["NoUnderflow", "FreedOnlyAtZero"] });
    expect(j.warnings[0]).toMatch(/^temporal property PageFreedAfterLastPut was not checked: .* run without --strategy dfs/);
    // an invariant violation is still found under DFS
    const v = await mc("check", fixture("live/ticker.ts"), "--strategy", "dfs", "--no-typecheck", "--json");
    expect(JSON.parse(v.out)).toMatchObject({ verdict: "violation", violation: { kind: "invariant", name: "BelowThree" } });
    // naming a temporal property under DFS is still refused
    expect((await mc("check", fixture("live/ticker.ts"), "--strategy", "dfs", "--property", "ReachesThree", "--no-typecheck")).err).toContain("MC019");
  });
});

describe("--workers 2 progress", () => {
  it("'generated' keeps growing inside a level, as 'distinct' does", async () => {
    const { check } = await import("../../src/index.js");
    const wide = (await import("../fixtures/wide.js")).default;
    const seen: { distinct: number; generated: number; depth: number }[] = [];
    const r = await check(wide, { file: fixture("wide.ts"), workers: 2, progressIntervalMs: 0, constants: { K: 6, M: 5 } }, { onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ verdict: "ok", distinctStates: 6 ** 6, terminalStates: 1 });
    let inLevel = 0;
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.generated).toBeGreaterThanOrEqual(seen[i - 1]!.generated);
      // inside a level (the same depth) it grows: it used to stand still until the level ended
      // (a worker adds its count a block at a time, so two reports close together may tie)
      if (seen[i]!.depth === seen[i - 1]!.depth && seen[i]!.generated > seen[i - 1]!.generated) inLevel++;
    }
    expect(inLevel).toBeGreaterThan(2);
    expect(seen.at(-1)!.generated).toBeLessThanOrEqual(r.generatedStates);
  });
});

describe("constants declare min/max", () => {
  it("the kernel reference spec refuses P=0 and T=-1 (MC075)", async () => {
    for (const c of ["P=0", "T=-1"]) {
      const r = await mc("check", "specs/devpriv.ts", "--const", c, "--no-typecheck");
      expect(r.code).toBe(2);
      expect(r.err).toContain("MC075");
      expect(r.err).toContain("at least 1");
    }
  });
});

describe("--trace on a pass (README: counterexample formats are not written; the HTML report is)", () => {
  it("writes the .html report of a passing run, and no .json or .itf.json", async () => {
    const dir = tempDir("mc-pass-trace-");
    for (const name of ["ok.json", "ok.itf.json", "ok.html"]) {
      const r = await mc("check", fixture("foll-pin-leak.ts"), "--no-typecheck", "--trace", join(dir, name));
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, name))).toBe(name.endsWith(".html"));
      expect(r.err).toContain(name.endsWith(".html") ? `wrote the HTML report to ${join(dir, name)}` : "no counterexample, so");
    }
  });
});

describe("the HTML report's headline says what was checked, and the constraint", () => {
  it("as the text report does", async () => {
    const { check } = await import("../../src/index.js");
    const { reportData } = await import("../../src/report/html.js");
    const pin = (await import("../fixtures/foll-pin-leak.js")).default;
    const sel = await check(pin, { invariants: ["NoUnderflow"] });
    expect(reportData(sel).headline).toBe("✓ Invariant NoUnderflow holds on 6 distinct states.");
    const cut = await check(pin, { constants: { BOUND: 1024 } });
    expect(reportData(cut).headline).toBe("… Holds only within the state constraints (1 outside RefcountAtMostBound (checked, not expanded)): All invariants and property PageFreedAfterLastPut hold on the 6 states explored.");
  });
});

describe("lasso timelines with 5- and 6-digit values", () => {
  it("keep every value apart", async () => {
    const { formatResult } = await import("../../src/report/text.js");
    const { styleFor } = await import("../../src/report/style.js");
    const trace = [0, 1, 2].map((i) => ({ action: i ? "Tick" : null, state: i }));
    const r = {
      spec: "t", file: undefined, verdict: "violation" as const, distinctStates: 3, generatedStates: 3, depth: 3, strategy: "bfs" as const, workers: 1, constants: {}, durationMs: 1, collisionProbability: 0, storeBytes: 0,
      violation: { kind: "liveness" as const, name: "P", trace, loop: 1, loopAction: "Tick", counters: [{ name: "rc", values: [12345, 123456, 99999] }], fairness: [] },
    };
    expect(formatResult(r, styleFor(false))).toMatch(/\n {2}rc +12345 +123456 +99999\n/);
  });
});
