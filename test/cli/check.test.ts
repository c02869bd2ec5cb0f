// `mc check` end to end: exit codes, the JSON schema, the readable trace, determinism, and the
// real bin (tsx loader, spec imports resolved) in a child process.
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";

const jugs = fixture("jugs.ts");
const noTime = (json: string): unknown => ({ ...JSON.parse(json), timeMs: 0 });

describe("mc check", () => {
  it("exit 0 when every invariant holds, 1 on a violation, 3 when bounded", async () => {
    expect((await mc("check", jugs, "--no-typecheck", "--const", "GOAL=9")).code).toBe(0);
    expect((await mc("check", jugs, "--no-typecheck")).code).toBe(1);
    expect((await mc("check", jugs, "--no-typecheck", "--const", "GOAL=9", "--max-states", "5")).code).toBe(3);
  });

  it("--json prints the documented object, trace states in toJS form", async () => {
    const r = await mc("check", jugs, "--json", "--no-typecheck");
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ spec: "fixtures/jugs", verdict: "violation", depth: 7 });
    expect(j.violation.kind).toBe("invariant");
    expect(j.violation.name).toBe("NotSolved");
    expect(j.violation.trace[0]).toEqual({ action: null, state: { small: 0, big: 0 } });
    expect(j.violation.trace[1]).toEqual({ action: "FillBig", state: { small: 0, big: 5 } });
    expect(j.violation.trace).toHaveLength(j.depth);
    expect(r.out.trim().split("\n")).toHaveLength(1);
  });

  it("a full run reports TLC's numbers for DieHard: 16 distinct, 97 generated, depth 8", async () => {
    const j = JSON.parse((await mc("check", jugs, "--json", "--no-typecheck", "--const", "GOAL=9")).out);
    expect(j).toMatchObject({ verdict: "ok", distinctStates: 16, generatedStates: 97, depth: 8 });
    expect(j.violation).toBeUndefined();
  });

  it("the text trace shows the first state in full, then only the changed paths", async () => {
    const r = await mc("check", jugs, "--no-typecheck");
    expect(r.out).toContain("✗ Invariant NotSolved is violated after 6 steps.");
    expect(r.out).toMatch(/0\. initial state\n\s+small: 0\n\s+big: 0\n\s+1\. FillBig\n\s+big: 0 → 5\n\s+2\. BigToSmall/);
    expect(r.out).toMatch(/collision\s+\d\.\de-\d+/);
    expect(r.out).not.toContain("\x1b["); // no colour when not a TTY
  });

  it("same spec, same flags: the same output on every run", async () => {
    for (const flags of [[], ["--strategy", "dfs"], ["--const", "GOAL=9"]]) {
      const a = await mc("check", jugs, "--json", "--no-typecheck", ...flags);
      const b = await mc("check", jugs, "--json", "--no-typecheck", ...flags);
      expect(noTime(b.out)).toEqual(noTime(a.out));
    }
  });

  it("the bin loads a .ts spec and its imports without a build step", () => {
    const r = spawnSync(process.execPath, ["bin/mc.js", "check", jugs, "--json"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).violation.name).toBe("NotSolved");
    const help = execFileSync(process.execPath, ["bin/mc.js", "--help"], { encoding: "utf8" });
    expect(help).toContain("check <spec>");
  });
});

describe("output on a terminal", () => {
  it("uses colour on a TTY, and NO_COLOR turns it off", async () => {
    const { runCli } = await import("../../src/cli/main.js");
    const run = async (): Promise<string> => {
      let out = "";
      await runCli(["check", jugs, "--no-typecheck"], { out: (s) => (out += s), err: () => {}, tty: true });
      return out;
    };
    const saved = process.env["NO_COLOR"];
    delete process.env["NO_COLOR"];
    expect(await run()).toContain("\x1b[31m✗ Invariant NotSolved");
    process.env["NO_COLOR"] = "1";
    expect(await run()).not.toContain("\x1b[");
    if (saved === undefined) delete process.env["NO_COLOR"];
    else process.env["NO_COLOR"] = saved;
  });

  it("reports progress during long runs: counts, frontier, depth, rate and memory", async () => {
    const { check } = await import("../../src/index.js");
    const { progressLine } = await import("../../src/report/progress.js");
    const grid = (await import("../fixtures/grid.js")).default;
    const lines: string[] = [];
    await check(grid, { constants: { W: 300 }, progressIntervalMs: 1 }, { onProgress: (p) => lines.push(JSON.stringify(p)) });
    expect(lines.length).toBeGreaterThan(0);
    const p = JSON.parse(lines[0]!);
    expect(p).toMatchObject({ distinct: expect.any(Number), generated: expect.any(Number), frontier: expect.any(Number), storeBytes: expect.any(Number) });
    expect(progressLine(p)).toMatch(/distinct [\d,]+, generated [\d,]+, frontier [\d,]+, depth \d+, [\d,]+ states\/s, store \d+ MiB, rss \d+ MiB/);
  });
});
