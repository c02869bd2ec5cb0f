import { describe, expect, it } from "vitest";
import { actorCount, GUP_THREADS } from "../../src/kernel/actor-count.js";
import { mc } from "../helpers.js";

describe("actorCount", () => {
  it("declares one actor by default, at least one, with the identities in its doc", () => {
    expect(actorCount("stray reference holders", "X1..XNX")).toEqual({ default: 1, min: 1, doc: "stray reference holders (X1..XNX, interchangeable)" });
    expect(GUP_THREADS.doc).toBe("gup threads (gup1..gupNG, interchangeable)");
  });
  it("a spec that declares NG with it refuses --const NG=0 (MC075), naming the doc", async () => {
    const r = await mc("check", "specs/generic-devdax/v5x.ts", "--const", "NG=0", "--no-typecheck");
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC075");
    expect(r.err).toContain("at least 1 (gup threads (gup1..gupNG, interchangeable))");
  });
});
