// Issue 18 §5, the rough edges a newcomer met, each as the command that showed it.
import { mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";

describe("mc JSON traces are lossless", () => {
  it("a Set-state counterexample written with --trace t.json replays (and so does --json's output)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mc-set-trace-"));
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
