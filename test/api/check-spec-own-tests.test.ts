// Issue 18 §4, mc in a user's own tests: checkSpec's invariant/property selection, an unknown
// option as an error (MC076), a failing matcher printing describeStep text and the counter
// timeline, and a test kept in a folder of the user's own found by `npx vitest run mine/`.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../src/index.js";
import "../../src/vitest.js";

const pin = "test/fixtures/foll-pin-leak.ts";

describe("checkSpec options", () => {
  it("selects invariants and properties by name, as --invariant/--property do", async () => {
    const r = await checkSpec(pin, { invariants: ["NoUnderflow"] });
    expect(r).toMatchObject({ verdict: "ok", invariants: ["NoUnderflow"], selected: true });
    const p = await checkSpec(pin, { constants: { BUGGY: true, BOUND: 4096 }, deadlock: false, properties: ["PageFreedAfterLastPut"] });
    expect(p).toViolate("PageFreedAfterLastPut", { steps: 4 });
    await expect(checkSpec(pin, { invariants: ["Nope"] })).rejects.toMatchObject({ code: "MC024" });
  });

  it("an option it does not know is an error naming it and the known ones, never ignored", async () => {
    const bad = checkSpec(pin, { property: ["PageFreedAfterLastPut"] } as never);
    await expect(bad).rejects.toMatchObject({ code: "MC076" });
    await expect(checkSpec(pin, { maxstates: 3 } as never)).rejects.toThrow(/no option 'maxstates'; the options are constants, strategy, .*maxStates/);
  });
});

describe("a failing matcher prints the trace as mc check does", () => {
  it("with the spec's describeStep text and the counter timeline", async () => {
    const r = await checkSpec("specs/fsdax-idle/felixB.ts");
    let message = "";
    try {
      expect(r).toHold();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("2. folio_try_get(page0) by gup1 (page0 1 → 2)  [GupGrab1]");
    expect(message).toContain("Counter timeline (value after each step; * marks the step that broke NoStrandedWaiter):");
    expect(message).toMatch(/ {2}page0 +1 +1 +2 +2 +1 +0 +0/);
  });

  it("a lasso's close and fairness too", async () => {
    const r = await checkSpec(pin, { constants: { BUGGY: true, BOUND: 4096 }, deadlock: false });
    expect(() => expect(r).toHold()).toThrow(/↻ state 4 stutters here forever[\s\S]*Why fairness does not rescue it[\s\S]*page +1 +2 +1025 +1024 +1023/);
  });
});

// a whole vitest run (about 3 s): in the long suite (npm run test:long)
describe.skipIf(!process.env["MC_LONG"])("a test in the user's own folder", () => {
  it("is found by npx vitest run mine/ (the config is not limited to test/)", () => {
    const dir = `mine-${process.pid}`;
    mkdirSync(dir);
    try {
      writeFileSync(`${dir}/own.test.ts`, `import { expect, it } from "vitest";\nit("runs", () => expect(1 + 1).toBe(2));\n`);
      const out = execFileSync("npx", ["vitest", "run", `${dir}/`], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(out).toMatch(new RegExp(`${dir}/own\\.test\\.ts`));
      expect(out).toMatch(/Tests +1 passed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
