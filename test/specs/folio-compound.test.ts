// folio-compound (brief §5.6, §4.7–4.8): era (d) compound fsdax folios hold; a reference-less
// PUD and a pgmap read from a tail's own word fail in two steps.

import { describe, it, expect } from "vitest";
import { check } from "../../src/index.js";
import popple2024 from "../../specs/folio-compound/popple2024.js";
import legacy from "../../specs/folio-compound/legacy-pud-0based.js";
import pgmapOnPage from "../../specs/folio-compound/pgmap-on-page.js";
import tailOwn from "../../specs/folio-compound/tail-own-refcount.js";
import noclear from "../../specs/folio-compound/reset-order-noclear.js";
import { make } from "../../specs/folio-compound/model.js";
import { expectOnlyBroken, expectVerdict } from "./verdicts.js";

describe("folio-compound", () => {
  it("popple2024 holds, including BusyTestSound, with no deadlock", async () => {
    const r = await expectVerdict(popple2024, { verdict: "ok" });
    expect(r.distinctStates).toBe(27);
  });
  it("legacy-pud-0based: folio_get on a PUD-mapped folio at 0 (MapPud, Gup0)", async () => {
    await expectVerdict(legacy, { verdict: "violation", name: "NoGetOnZero", actions: ["MapPud", "Gup0"] });
  });
  it("pgmap-on-page: gup on the tail reads head|1 as its pgmap (MapPud, Gup1)", async () => {
    await expectVerdict(pgmapOnPage, { verdict: "violation", name: "PgmapResolvable", actions: ["MapPud", "Gup1"] });
  });
  it("DFS agrees on every verdict", async () => {
    expect((await check(popple2024, { strategy: "dfs" })).verdict).toBe("ok");
    expect((await check(legacy, { strategy: "dfs" })).violation?.name).toBe("NoGetOnZero");
    expect((await check(pgmapOnPage, { strategy: "dfs" })).violation?.name).toBe("PgmapResolvable");
  });

  // Issue 10, requests 4 and 5.
  it("tail-own-refcount: gup's raw page_ref_inc on the tail (MapPud, Gup1), and the folio freed under the pin at 3", async () => {
    await expectVerdict(tailOwn, { verdict: "violation", name: "TailRefcountZero", actions: ["MapPud", "Gup1"] });
    for (const name of ["RefcountMatchesHolders", "BusyTestSound"]) {
      await expectOnlyBroken(make("tail-own-refcount"), name, ["MapPud", "Gup1"]);
    }
    await expectOnlyBroken(make("tail-own-refcount"), "NoFreeWhileHeld", ["MapPud", "Gup1", "ZapPud"]);
  });
  it("reset-order-noclear: the split leaves a tail word (1 step); page 1's references then land on page 0 (2)", async () => {
    await expectVerdict(noclear, { verdict: "violation", name: "CompoundHeadConsistency", actions: ["DaxFolioResetOrder"] });
    await expectOnlyBroken(make("reset-order-noclear"), "RefcountMatchesHolders", ["DaxFolioResetOrder", "MapPte1"]);
  });
});
