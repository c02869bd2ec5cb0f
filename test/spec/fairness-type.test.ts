// The Fairness type accepts what people write: a fairness table per constant that lists more
// actions in one branch than the other. The assertions on types are checked by `tsc --noEmit`
// (tsconfig includes test/); the run-time ones by vitest.
import { describe, expect, expectTypeOf, it } from "vitest";
import { check, defineSpec, type Fairness, type FairnessKind } from "../../src/index.js";

const actions = { A: (x: number) => (x < 2 ? x + 1 : null), B: (x: number) => (x > 0 ? x - 1 : null) };

describe("Fairness", () => {
  it("accepts a conditional table whose branches list different actions", async () => {
    const spec = defineSpec({
      name: "fair-by-constant",
      constants: { FAIR: true },
      init: [0],
      actions,
      fairness: ({ FAIR }) => (FAIR ? { A: "weak", B: "weak" } : { A: "weak" }),
    });
    expect(spec.build({ FAIR: true }).fairness).toEqual({ A: "weak", B: "weak" });
    expect(spec.build({ FAIR: false }).fairness).toEqual({ A: "weak" });
    expect((await check(spec, { constants: { FAIR: false } })).verdict).toBe("ok");
  });

  it("types: an entry is a kind or absent, and nothing else", () => {
    const table = (FAIR: boolean) => (FAIR ? { A: "weak", B: "strong" } : { A: "weak" }) satisfies Fairness;
    expectTypeOf(table(false)).toExtend<Fairness>();
    expectTypeOf<Fairness[string]>().toEqualTypeOf<FairnessKind | undefined>();
    // @ts-expect-error: a misspelt kind is still a type error
    const bad: Fairness = { A: "weakk" };
    // @ts-expect-error: so is a table of the wrong shape
    const notTable: Fairness = ["weak"];
    expect([bad, notTable]).toHaveLength(2);
  });
});
