// --emit-test: the generated vitest test must pass as written. It is generated into a folder
// inside the repository (vitest only finds tests there) and run by vitest in a child process:
// a violation asserted with toViolate, and the flipped "the fix holds" form with toHold.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";

const dir = join("test", `emitted-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mc check --emit-test", () => {
  it("writes tests that pass under vitest: the violation, and once fixed, that it holds", async () => {
    mkdirSync(dir, { recursive: true });
    const broken = join(dir, "jugs-violation.test.ts");
    const fixed = join(dir, "jugs-fixed.test.ts");
    const deadlock = join(dir, "counter-deadlock.test.ts");
    expect((await mc("check", fixture("jugs.ts"), "--no-typecheck", "--emit-test", broken)).code).toBe(1);
    expect((await mc("check", fixture("jugs.ts"), "--no-typecheck", "--const", "GOAL=9", "--emit-test", fixed)).code).toBe(0);
    expect((await mc("check", fixture("counter.ts"), "--no-typecheck", "--const", "DEADLOCK_AT=2", "--strategy", "dfs", "--emit-test", deadlock)).code).toBe(1);
    const text = readFileSync(broken, "utf8");
    expect(text).toContain(`expect(result).toViolate("NotSolved", { steps: 6 });`);
    expect(text).toContain("flip this test");
    expect(readFileSync(fixed, "utf8")).toContain("expect(result).toHold();");
    expect(readFileSync(deadlock, "utf8")).toContain(`{"strategy":"dfs","constants":{"N":5,"LIMIT":100,"DEADLOCK_AT":2}}`);
    const run = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", dir, "--reporter", "default"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(run.stdout + run.stderr).toMatch(/3 passed/);
    expect(run.status).toBe(0);
  });

  it("a bad file name is refused before the search", async () => {
    const r = await mc("check", fixture("jugs.ts"), "--no-typecheck", "--emit-test", "jugs.ts");
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC042");
  });
});
