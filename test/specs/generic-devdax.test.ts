// generic-devdax (brief §5.5, §4.4): Ralph's 0-based device-dax fails; the three fixes hold,
// with one gup thread and scaled to three.

import { describe, it } from "vitest";
import v5x from "../../specs/generic-devdax/v5x.js";
import ralph2021 from "../../specs/generic-devdax/ralph2021.js";
import ralph2021Initcount from "../../specs/generic-devdax/ralph2021-initcount.js";
import popple2024 from "../../specs/generic-devdax/popple2024.js";
import { expectVerdict } from "./verdicts.js";

describe("generic-devdax", () => {
  for (const NG of [1, 2, 3]) {
    it(`NG=${NG}: v5x, ralph2021-initcount and popple2024 hold`, async () => {
      for (const spec of [v5x, ralph2021Initcount, popple2024]) await expectVerdict(spec, { verdict: "ok" }, { NG });
    });
    it(`NG=${NG}: ralph2021 gets a mapped page at 0 in 2 steps`, async () => {
      await expectVerdict(ralph2021, { verdict: "violation", name: "NoGetOnZero", actions: ["DevDaxFault", "GupGet"] }, { NG });
    });
  }
});
