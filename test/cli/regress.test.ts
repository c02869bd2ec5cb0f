// `mc regress` against a scratch results folder: recording, a clean re-check, and failure
// when a recorded count, verdict or trace drifts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const base = ["--specs", "test/fixtures", "--only", "jugs"];

describe("mc regress", () => {
  it("records, re-checks clean, and fails when a recorded result drifts", async () => {
    const dir = tempDir("mc-results-");
    const missing = await mc("regress", "--results", dir, ...base);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("NO RESULT");

    expect((await mc("regress", "--update", "--results", dir, ...base)).code).toBe(0);
    const file = join(dir, "jugs.json");
    const recorded = JSON.parse(readFileSync(file, "utf8"));
    expect(recorded.runs[0]).toMatchObject({ flags: [], verdict: "violation", depth: 7, violation: { name: "NotSolved", traceLength: 7 } });

    // a second configuration, added by hand, is re-run with its own flags
    recorded.runs.push({ ...recorded.runs[0], flags: ["--const", "GOAL=9"] });
    writeFileSync(file, JSON.stringify(recorded));
    const wrongSecond = await mc("regress", "--results", dir, ...base);
    expect(wrongSecond.code).toBe(1);
    expect(wrongSecond.out).toMatch(/--const GOAL=9.*DIFFERS/);
    expect((await mc("regress", "--update", "--results", dir, ...base)).code).toBe(0);
    const clean = await mc("regress", "--results", dir, ...base);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain("all 2 results match");

    // drift one number: the regression must fail and say which spec
    const drifted = JSON.parse(readFileSync(file, "utf8"));
    drifted.runs[1].distinctStates += 1;
    writeFileSync(file, JSON.stringify(drifted));
    const r = await mc("regress", "--results", dir, ...base);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/test\/fixtures\/jugs\.ts\s+--const GOAL=9.*DIFFERS/);
    expect(r.out).toContain("1 result(s) differ");
  });

  it("skips a configuration marked long unless --long, and keeps the mark when re-recording", async () => {
    const dir = tempDir("mc-results-");
    expect((await mc("regress", "--update", "--results", dir, ...base)).code).toBe(0);
    const file = join(dir, "jugs.json");
    const recorded = JSON.parse(readFileSync(file, "utf8"));
    // a long configuration whose recorded count is wrong: only --long finds out
    recorded.runs.push({ ...recorded.runs[0], flags: ["--const", "GOAL=9"], long: true, distinctStates: 1 });
    writeFileSync(file, JSON.stringify(recorded));
    const quick = await mc("regress", "--results", dir, ...base);
    expect(quick.code).toBe(0);
    expect(quick.out).toMatch(/--const GOAL=9.*skipped \(mc regress --long\)/);
    expect(quick.out).toContain("all 1 results match (1 long one(s) skipped: mc regress --long)");
    const long = await mc("regress", "--long", "--results", dir, ...base);
    expect(long.code).toBe(1);
    expect(long.out).toMatch(/--const GOAL=9.*DIFFERS/);
    // --update without --long leaves the long entry as it was; with --long it re-records it, marked
    expect((await mc("regress", "--update", "--results", dir, ...base)).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).runs[1]).toMatchObject({ long: true, distinctStates: 1 });
    expect((await mc("regress", "--update", "--long", "--results", dir, ...base)).code).toBe(0);
    const again = JSON.parse(readFileSync(file, "utf8")).runs[1];
    expect(again.long).toBe(true);
    expect(again.distinctStates).toBeGreaterThan(1);
    expect((await mc("regress", "--long", "--results", dir, ...base)).code).toBe(0);
  });

  it("a malformed result file is a clear error, exit 2", async () => {
    const dir = tempDir("mc-results-");
    writeFileSync(join(dir, "jugs.json"), "{ not json");
    const r = await mc("regress", "--results", dir, ...base);
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC040");
    expect(r.err).toContain("jugs.json");
  });
});
