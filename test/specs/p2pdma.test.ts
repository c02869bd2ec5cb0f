// p2pdma (brief §5.7, §4.5–4.6): seed 002 patches 01 and 02, both halves and neither, with
// 1 and 2 gup threads.

import { describe, expect, it } from "vitest";
import v62 from "../../specs/p2pdma/v62.js";
import popple2024 from "../../specs/p2pdma/popple2024.js";
import halfInit0 from "../../specs/p2pdma/half-init0.js";
import halfNoreset from "../../specs/p2pdma/half-noreset.js";
import nogupcheck from "../../specs/p2pdma/popple2024-nogupcheck.js";
import { VARIANTS, make } from "../../specs/p2pdma/model.js";
import { expectOnlyBroken, expectVerdict } from "./verdicts.js";

describe("p2pdma", () => {
  for (const NG of [1, 2]) {
    it(`v62: a pooled page at 1 gives a speculative getter a reference (NG=${NG})`, async () => {
      await expectVerdict(v62, { verdict: "violation", name: "NoSpeculativeRefOnFreePage", actions: ["SpecTryGet"] }, { NG });
    });
    it(`popple2024: init 0, the allocator sets 1, no reset, holds (NG=${NG})`, async () => {
      await expectVerdict(popple2024, { verdict: "ok" }, { NG });
    });
    it(`half-init0: vm_insert_page on 0 in 1 step (NG=${NG})`, async () => {
      await expectVerdict(halfInit0, { verdict: "violation", name: "NoGetOnZero", actions: ["AllocMmap"] }, { NG });
    });
    it(`half-noreset: first the speculative get, 1 step (NG=${NG})`, async () => {
      await expectVerdict(halfNoreset, { verdict: "violation", name: "NoSpeculativeRefOnFreePage", actions: ["SpecTryGet"] }, { NG });
    });
    it(`popple2024-nogupcheck: gup returns a P2PDMA page in 2 steps (NG=${NG})`, async () => {
      await expectVerdict(nogupcheck, { verdict: "violation", name: "NoP2PWithoutFlag", actions: ["AllocMmap", "GupFast"] }, { NG });
    });
  }

  it("v62 also hands out a referenced page in 2 steps", async () => {
    await expectOnlyBroken(make("v62"), "AllocOnlyUnreferenced", ["SpecTryGet", "AllocMmap"]);
  });

  it("half-noreset reaches vm_insert_page on 0 after one free, in 3 steps", async () => {
    await expectOnlyBroken(make("half-noreset"), "NoGetOnZero", ["AllocMmap", "Munmap", "AllocMmap"]);
  });

  // The gap mutation testing found (issue 16): a Munmap that does not put leaves the page out
  // of the genpool with nobody holding it; RefcountMatchesHolders sees the count left over.
  it("RefcountMatchesHolders catches a Munmap that does not put (popple2024)", async () => {
    const def = make("popple2024");
    const base = def.actions;
    if (typeof base !== "function") throw new Error("the model's actions are a factory of the constants");
    const leaky: typeof def = { ...def, actions: (c) => ({ ...base(c), Munmap: (s) => (s.fault === null && s.pte === "mapped" ? s.set("pte", "none") : null) }) };
    await expectOnlyBroken(leaky, "RefcountMatchesHolders", ["AllocMmap", "Munmap"]);
  });

  it("RefcountMatchesHolders is declared only where a base fits", () => {
    const declared = (v: (typeof VARIANTS)[number]): boolean => {
      const inv = make(v).invariants;
      return typeof inv === "function" && "RefcountMatchesHolders" in inv({ VARIANT: v, NG: 1 });
    };
    expect(VARIANTS.filter(declared)).toEqual(["v62", "popple2024", "popple2024-nogupcheck"]);
  });
});
