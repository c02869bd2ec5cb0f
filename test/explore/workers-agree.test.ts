// Same counts and the same trace for --workers 1 and --workers 2 on every spec in the repository:
// results/ is recorded with one worker, and a regression run with two workers must match every
// recorded configuration (verdict, distinct/generated states, depth, invariant, trace states).
import { describe, expect, it } from "vitest";
import { mc } from "../helpers.js";

describe("--workers 2 on every spec", () => {
  it("matches every result recorded with one worker", async () => {
    const r = await mc("regress", "--workers", "2");
    expect(r.err).toBe("");
    expect(r.out).toMatch(/all \d+ results match/);
    expect(r.code).toBe(0);
  }, 180_000); // every spec twice over, and the type check of all of them when its cache is cold
});
