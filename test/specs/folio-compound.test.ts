// folio-compound (brief §5.6, §4.7–4.8): era (d) compound fsdax folios hold; a reference-less
// PUD and a pgmap read from a tail's own word fail in two steps.

import { describe, it, expect } from "vitest";
import { check } from "../../src/index.js";
import popple2024 from "../../specs/folio-compound/popple2024.js";
import legacy from "../../specs/folio-compound/legacy-pud-0based.js";
import pgmapOnPage from "../../specs/folio-compound/pgmap-on-page.js";
import { expectVerdict } from "./verdicts.js";

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
});
