// checkSpec and the mc/vitest matchers, as a user's own test uses them: the --json object,
// toHold/toViolate passing and failing with the trace printed as the CLI prints it.
import { describe, expect, expectTypeOf, it } from "vitest";
import { checkSpec } from "../../src/index.js";
import "../../src/vitest.js";
import jugsSpec from "../fixtures/jugs.js";
import { fixture, mc } from "../helpers.js";

const jugs = fixture("jugs.ts");
const noTime = (o: object): object => ({ ...o, timeMs: 0 });

describe("checkSpec", () => {
  it("resolves to the object mc check --json prints, from a file or a spec", async () => {
    const fromFile = await checkSpec(jugs);
    const cli = JSON.parse((await mc("check", jugs, "--json", "--no-typecheck")).out);
    expect(noTime(fromFile)).toEqual(noTime(cli));
    expect(noTime(await checkSpec(jugsSpec))).toEqual(noTime(cli));
    expect(fromFile.violation?.trace[1]).toEqual({ action: "FillBig", state: { small: 0, big: 5 } });
  });

  it("takes the CLI's options: constants, strategy, deadlock, bounds, workers", async () => {
    expect(await checkSpec(jugs, { constants: { GOAL: 9 } })).toMatchObject({ verdict: "ok", distinctStates: 16, generatedStates: 97 });
    expect(await checkSpec(jugs, { constants: { GOAL: 9 }, maxStates: 5 })).toMatchObject({ verdict: "bounded" });
    expect(await checkSpec(jugs, { strategy: "dfs" })).toMatchObject({ verdict: "violation", strategy: "dfs" });
    expect(await checkSpec(fixture("counter.ts"), { constants: { DEADLOCK_AT: 2 }, deadlock: false })).toMatchObject({ verdict: "ok", distinctStates: 3 });
    expect(await checkSpec(jugs, { constants: { GOAL: 9 }, workers: 2 })).toMatchObject({ verdict: "ok", distinctStates: 16, workers: 2 });
    await expect(checkSpec(jugs, { constants: { NOPE: 1 } })).rejects.toThrow(/MC022|no constant named 'NOPE'/);
  });
});

describe("mc/vitest matchers", () => {
  it("toHold and toViolate pass on what mc found", async () => {
    expect(await checkSpec(jugs, { constants: { GOAL: 9 } })).toHold();
    const r = await checkSpec(jugs);
    expect(r).toViolate("NotSolved", { steps: 6 });
    expect(r).toViolate("NotSolved");
    expect(r).not.toHold();
    expect(r).not.toViolate("NotSolved", { steps: 5 });
    expect(await checkSpec(fixture("counter.ts"), { constants: { DEADLOCK_AT: 2 } })).toViolate("deadlock", { steps: 2 });
  });

  it("a failure prints the counterexample as mc check does", async () => {
    const r = await checkSpec(jugs);
    let message = "";
    try {
      expect(r).toHold();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("expected fixtures/jugs to hold, but mc found invariant NotSolved violated after 6 steps:");
    expect(message).toMatch(/Counterexample:\n\s+0\. initial state\n\s+small: 0\n\s+big: 0\n\s+1\. FillBig\n\s+big: 0 → 5/);
    expect(() => expect(r).toViolate("NotSolved", { steps: 5 })).toThrow(/to violate NotSolved after 5 steps, but mc found invariant NotSolved violated after 6 steps/);
    expect(() => expect({ hello: 1 }).toHold()).toThrow(/expected the result of checkSpec\(\)/);
  });

  it("type-check through declaration merging on vitest's Assertion", async () => {
    const r = await checkSpec(jugs, { constants: { GOAL: 9 } });
    expectTypeOf(expect(r).toHold).toBeFunction();
    expectTypeOf(expect(r).toViolate).parameter(0).toEqualTypeOf<string>();
    // @ts-expect-error steps is a number
    expect(() => expect(r).toViolate("NotSolved", { steps: "6" })).toThrow();
  });
});
