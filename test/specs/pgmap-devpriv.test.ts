// pgmap-devpriv (brief §5.4, §4.11): device-private pages against memunmap_pages in eras (b),
// (c) and (c′), with 1 to 3 pages.

import { describe, it } from "vitest";
import v61 from "../../specs/pgmap-devpriv/v61.js";
import lateAlloc from "../../specs/pgmap-devpriv/v61-late-alloc.js";
import devmap2017 from "../../specs/pgmap-devpriv/devmap2017.js";
import hch2022 from "../../specs/pgmap-devpriv/hch2022.js";
import { expectVerdict } from "./verdicts.js";

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
});
