// `mc check` end to end: exit codes, the JSON schema, the readable trace, determinism, and the
// real bin (tsx loader, spec imports resolved) in a child process.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

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

describe("a spec in a folder of its own, as a newcomer makes one", () => {
  // `npm init -y` writes a package.json without "type": "module", so Node resolves a .ts file
  // there as CommonJS; mc's specs are ES modules, and loading one used to fail with
  // "Cannot require() ES Module ... in a cycle".
  it("loads where package.json does not say \"type\": \"module\", with its own imports, in worker threads and with the type check on", () => {
    const dir = tempDir("mc-newcomer-");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "newcomer", version: "1.0.0", main: "index.js", license: "ISC" }));
    writeFileSync(join(dir, "model.ts"), `export const step = (s: number, by: number): number => s + by;\n`);
    writeFileSync(
      join(dir, "grid.ts"), // a state is x + 3y, x and y in 0..2
      `import { defineSpec } from ${JSON.stringify(resolve("src/index.ts"))};\nimport { step } from "./model.js";\n` +
        `export default defineSpec({\n  name: "grid",\n  init: () => [0],\n` +
        `  actions: { X: (s: number) => (s % 3 < 2 ? step(s, 1) : null), Y: (s: number) => (s < 6 ? step(s, 3) : null) },\n` +
        `  invariants: { InGrid: (s: number) => s >= 0 && s <= 8 },\n});\n`,
    );
    for (const flags of [["--no-typecheck"], ["--no-typecheck", "--workers", "2"], []]) {
      const r = spawnSync(process.execPath, ["bin/mc.js", "check", join(dir, "grid.ts"), "--no-deadlock", "--json", ...flags], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: "ok", distinctStates: 9 }); // x, y ∈ {0, 1, 2}
      expect(r.status).toBe(0);
    }
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
