// devpriv-plain, devpriv written as a newcomer would (Record constructors, update/setIn,
// generators, every/filter/count): the same model, so the same exact counts as the tuned
// specs/devpriv.ts and shared/bench/devpriv.md, on every size small enough for a unit test.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import plain from "../../specs/devpriv-plain.js";
import tuned from "../../specs/devpriv.js";

const counts = async (spec: typeof plain, P: number, T: number, workers = 1) => {
  const r = await check(spec, { constants: { P, T }, workers, file: "specs/devpriv-plain.ts" });
  return [r.verdict, r.distinctStates, r.generatedStates, r.depth];
};

describe("devpriv-plain", () => {
  it("P=2 T=3 and P=3 T=6: devpriv.md's counts (44/187/6, 6,476/61,057/11)", async () => {
    expect(await counts(plain, 2, 3)).toEqual(["ok", 44, 187, 6]);
    expect(await counts(plain, 3, 6)).toEqual(["ok", 6476, 61057, 11]);
  });

  it("gives the tuned spec's counts at every small size", async () => {
    for (const [P, T] of [[1, 1], [1, 4], [2, 2], [3, 3], [2, 5], [3, 4]] as const) {
      expect(await counts(plain, P, T), `P=${P} T=${T}`).toEqual(await counts(tuned, P, T));
    }
  });
});
