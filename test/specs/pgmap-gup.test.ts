// pgmap-gup (brief §5.3, §4.10): seed 004's contract for the pgmap ref under gup and teardown,
// with 1 and 2 (and 3) gup threads.

import { describe, it } from "vitest";
import dax2015 from "../../specs/pgmap-gup/dax2015.js";
import nokill from "../../specs/pgmap-gup/dax2015-nokill.js";
import devmap2017 from "../../specs/pgmap-gup/devmap2017.js";
import getpage from "../../specs/pgmap-gup/devmap2017-getpage.js";
import specgrab from "../../specs/pgmap-gup/dax2015-specgrab.js";
import { make } from "../../specs/pgmap-gup/model.js";
import { expectOnlyBroken, expectVerdict, onlyInvariants } from "./verdicts.js";

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
    await expectOnlyBroken(make("dax2015-nokill"), "MemunmapOnlyWhenUnused", ["GupLookup1", "DevmMemunmap"]);
  });

  // Issue 10, request 1: which percpu_ref get the lookup takes.
  it("LOOKUP=tryget: dax2015 holds with one gup thread; a second thread's lookup after the kill succeeds (3 steps)", async () => {
    await expectVerdict(dax2015, { verdict: "ok" }, { LOOKUP: "tryget", NG: 1 });
    await expectVerdict(dax2015, { verdict: "violation", name: "NoNewPgmapRefAfterKill", actions: ["GupLookup1", "DrvKill", "GupLookup2"] }, { LOOKUP: "tryget", NG: 2 });
  });
  it("LOOKUP=tryget: devmap2017's per-page setup refs keep the count up after the kill (2 steps, NG=1 and 2)", async () => {
    for (const NG of [1, 2]) {
      await expectVerdict(devmap2017, { verdict: "violation", name: "NoNewPgmapRefAfterKill", actions: ["UKill", "GupLookup1"] }, { LOOKUP: "tryget", NG });
    }
  });
  it("LOOKUP=tryget only breaks the ghost: memunmap still waits for the late ref (teardown stays safe)", async () => {
    for (const v of ["dax2015", "devmap2017"] as const) {
      const others = ["NoUnmapWhileLive", "MemunmapOnlyWhenUnused", "NoRefAfterRelease", "PgmapNonNegative", "NoGetOnZero", "PgmapAccounting"];
      await expectVerdict(onlyInvariants(make(v), others), { verdict: "ok" }, { LOOKUP: "tryget", NG: 2 });
    }
  });
  it("LOOKUP=get: a get after the kill in 2 steps, and after the release a use-after-free (dax2015 2 steps, devmap2017 3)", async () => {
    for (const NG of [1, 2]) {
      await expectVerdict(dax2015, { verdict: "violation", name: "NoNewPgmapRefAfterKill", actions: ["DrvKill", "GupLookup1"] }, { LOOKUP: "get", NG });
      await expectVerdict(devmap2017, { verdict: "violation", name: "NoNewPgmapRefAfterKill", actions: ["UKill", "GupLookup1"] }, { LOOKUP: "get", NG });
    }
    await expectOnlyBroken(make("dax2015"), "NoRefAfterRelease", ["DrvKill", "GupLookup1"], { LOOKUP: "get" });
    await expectOnlyBroken(make("devmap2017"), "NoRefAfterRelease", ["UKill", "UPutPages", "GupLookup1"], { LOOKUP: "get" });
  });

  // Requests 2 and 3: how gup takes the page after the lookup.
  it("devmap2017-getpage: get_page on a page memunmap already put to 0 (4 steps, NG=1 and 2)", async () => {
    for (const NG of [1, 2]) {
      await expectVerdict(getpage, { verdict: "violation", name: "NoGetOnZero", actions: ["GupLookup1", "UKill", "UPutPages", "GupGetPage1"] }, { NG });
    }
  });
  it("dax2015-specgrab: a page ref without a pgmap ref unbalances the pgmap count", async () => {
    await expectVerdict(specgrab, { verdict: "violation", name: "PgmapAccounting", actions: ["GupLookup1", "GupGetPage1"] });
    await expectOnlyBroken(make("dax2015-specgrab"), "PgmapNonNegative", ["GupLookup1", "GupGetPage1", "GupPutPgmap1", "GupPutPage1", "DrvKill"]);
    await expectOnlyBroken(make("dax2015-specgrab"), "MemunmapOnlyWhenUnused", ["GupLookup1", "GupGetPage1", "GupPutPgmap1", "DrvKill", "DrvWaitZero", "DevmMemunmap"]);
  });
});
