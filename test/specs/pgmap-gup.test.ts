// pgmap-gup (brief §5.3, §4.10): seed 004's contract for the pgmap ref under gup and teardown,
// with 1 and 2 (and 3) gup threads.

import { describe, it } from "vitest";
import dax2015 from "../../specs/pgmap-gup/dax2015.js";
import nokill from "../../specs/pgmap-gup/dax2015-nokill.js";
import devmap2017 from "../../specs/pgmap-gup/devmap2017.js";
import { make } from "../../specs/pgmap-gup/model.js";
import { expectVerdict, onlyInvariants } from "./verdicts.js";

describe("pgmap-gup", () => {
  for (const NG of [1, 2, 3]) {
    it(`dax2015: kill and drain before devm_memunmap_pages holds (NG=${NG})`, async () => {
      await expectVerdict(dax2015, { verdict: "ok" }, { NG });
    });
    it(`dax2015-nokill: unmapping a live ref fails in 1 step (NG=${NG})`, async () => {
      await expectVerdict(nokill, { verdict: "violation", name: "NoUnmapWhileLive", actions: ["DevmMemunmap"] }, { NG });
    });
    it(`devmap2017: per-page setup refs, memunmap waits for gup's page ref (NG=${NG})`, async () => {
      await expectVerdict(devmap2017, { verdict: "ok" }, { NG });
    });
  }

  it("dax2015-nokill leaves gup holding a pgmap ref into torn-down pages in 2 steps", async () => {
    await expectVerdict(onlyInvariants(make("dax2015-nokill"), ["MemunmapOnlyWhenUnused"]), {
      verdict: "violation",
      name: "MemunmapOnlyWhenUnused",
      actions: ["GupLookup1", "DevmMemunmap"],
    });
  });
});
