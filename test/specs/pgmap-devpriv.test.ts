// pgmap-devpriv (brief §5.4, §4.11): device-private pages against memunmap_pages in eras (b),
// (c) and (c′), with 1 to 3 pages.

import { describe, it } from "vitest";
import v61 from "../../specs/pgmap-devpriv/v61.js";
import lateAlloc from "../../specs/pgmap-devpriv/v61-late-alloc.js";
import devmap2017 from "../../specs/pgmap-devpriv/devmap2017.js";
import hch2022 from "../../specs/pgmap-devpriv/hch2022.js";
import { make } from "../../specs/pgmap-devpriv/model.js";
import { expectOnlyBroken, expectVerdict } from "./verdicts.js";

describe("pgmap-devpriv", () => {
  for (const N of [1, 2, 3]) {
    it(`v61: one pgmap ref per allocated page makes teardown wait (N=${N})`, async () => {
      await expectVerdict(v61, { verdict: "ok" }, { N });
    });
    it(`v61-late-alloc: allocating after the kill WARNs in 2 steps (N=${N})`, async () => {
      await expectVerdict(lateAlloc, { verdict: "violation", name: "NoAllocAfterKill", actions: ["UKill", "DriverAlloc"] }, { N });
    });
    // Not in the brief's table: measured, and checked against mm/memremap.c (specs/NOTES.md).
    it(`devmap2017: memunmap's per-pfn put_page frees an allocated page under its user (N=${N})`, async () => {
      await expectVerdict(devmap2017, {
        verdict: "violation",
        name: "PageFreeOnlyWhenUnreferenced",
        actions: ["DriverAlloc", "UKill", "UPutRefs"],
      }, { N });
    });
    it(`hch2022: put_many(N) lets memunmap finish while a page is allocated (N=${N})`, async () => {
      await expectVerdict(hch2022, {
        verdict: "violation",
        name: "MemunmapOnlyWhenUnused",
        actions: ["DriverAlloc", "UKill", "UPutRefs", "UWaitDone"],
      }, { N });
    });
  }

  // The gaps mutation testing found (issue 16).
  it("FreePageAtZero catches v61 pages that start at 1", async () => {
    const def = make("v61");
    const init = def.init;
    if (typeof init !== "function") throw new Error("the model's init is a factory of the constants");
    const at1: typeof def = { ...def, init: (c) => [...init(c)].map((s) => s.set("pages", s.pages.map((p) => p.set("rc", 1)))) };
    await expectOnlyBroken(at1, "FreePageAtZero", []);
  });

  it("MemunmapOnlyWhenUnused catches a UWaitDone that does not wait (v61)", async () => {
    const def = make("v61");
    const base = def.actions;
    if (typeof base !== "function") throw new Error("the model's actions are a factory of the constants");
    const nowait: typeof def = { ...def, actions: (c) => ({ ...base(c), UWaitDone: (s) => (s.fault === null && s.upc === "putdone" ? s.set("upc", "done") : null) }) };
    await expectOnlyBroken(nowait, "MemunmapOnlyWhenUnused", ["DriverAlloc", "UKill", "UPutRefs", "UWaitDone"]);
  });
});
