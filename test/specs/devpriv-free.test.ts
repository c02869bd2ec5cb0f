// devpriv-free (brief §5.1, §4.1–4.2): Hugh's concern in the 1-based eras, hch 2022's reset to
// 1, and v6.1's fix, with the "others" column and the scaled walker counts.

import { describe, it } from "vitest";
import hmm2017 from "../../specs/devpriv-free/hmm2017.js";
import hch2022 from "../../specs/devpriv-free/hch2022.js";
import v61 from "../../specs/devpriv-free/v61.js";
import { make } from "../../specs/devpriv-free/model.js";
import { expectOnlyBroken, expectVerdict, onlyInvariants } from "./verdicts.js";

describe("devpriv-free", () => {
  for (const NS of [1, 2, 3]) {
    it(`hmm2017: a speculative get succeeds on a free page in 1 step (NS=${NS})`, async () => {
      await expectVerdict(hmm2017, { verdict: "violation", name: "NoSpeculativeRefOnFreePage", actions: ["SpecTryGet"] }, { NS });
    });
    it(`hch2022: the reset to 1 keeps the same hole (NS=${NS})`, async () => {
      await expectVerdict(hch2022, { verdict: "violation", name: "NoSpeculativeRefOnFreePage", actions: ["SpecTryGet"] }, { NS });
    });
    it(`v61: free pages at 0 hold, with no deadlock (NS=${NS})`, async () => {
      await expectVerdict(v61, { verdict: "ok" }, { NS });
    });
  }

  it("hmm2017 also hands out a referenced page and double-frees, each in 2 steps", async () => {
    await expectOnlyBroken(make("hmm2017"), "AllocOnlyUnreferenced", ["SpecTryGet", "DriverAlloc"]);
    await expectOnlyBroken(make("hmm2017"), "PageFreeOncePerAlloc", ["SpecTryGet", "SpecPut"]);
  });

  it("hch2022 hands out a referenced page in 2 steps but never double-frees", async () => {
    await expectOnlyBroken(make("hch2022"), "AllocOnlyUnreferenced", ["SpecTryGet", "DriverAlloc"]);
    await expectVerdict(onlyInvariants(make("hch2022"), ["PageFreeOncePerAlloc", "RefcountMatchesHolders"]), { verdict: "ok" });
  });
});
