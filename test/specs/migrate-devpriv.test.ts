// migrate-devpriv (brief §5.8, §4.12): the expected-count checks hold when they match the era's
// convention, and a stale or early +1 in the exact check blocks migration with no extra holder.

import { describe, expect, it } from "vitest";
import mig1based from "../../specs/migrate-devpriv/mig1based.js";
import mig0based from "../../specs/migrate-devpriv/mig0based.js";
import thr1 from "../../specs/migrate-devpriv/mig0based-thr1.js";
import exa1 from "../../specs/migrate-devpriv/mig0based-exa1.js";
import exa0 from "../../specs/migrate-devpriv/mig1based-exa0.js";
import stale from "../../specs/migrate-devpriv/mig0based-stale.js";
import dropped from "../../specs/migrate-devpriv/mig1based-dropped.js";
import exactdropped from "../../specs/migrate-devpriv/mig1based-exactdropped.js";
import exactstale from "../../specs/migrate-devpriv/mig0based-exactstale.js";
import upstream from "../../specs/migrate-devpriv/mig0based-upstream.js";
import { make } from "../../specs/migrate-devpriv/model.js";
import { expectOnlyBroken, expectVerdict, onlyInvariants } from "./verdicts.js";

const STUCK = ["MgCollect", "MgCheck", "MgMove"];

describe("migrate-devpriv", () => {
  for (const NX of [1, 2]) {
    it(`mig1based and mig0based hold, with no deadlock (NX=${NX})`, async () => {
      await expectVerdict(mig1based, { verdict: "ok" }, { NX });
      await expectVerdict(mig0based, { verdict: "ok" }, { NX });
    });
    it(`upstream's leftover threshold +1 is harmless: the exact check still catches a holder (NX=${NX})`, async () => {
      await expectVerdict(thr1, { verdict: "ok" }, { NX });
    });
    it(`an exact check off by one never migrates an unheld page (NX=${NX})`, async () => {
      await expectVerdict(exa1, { verdict: "violation", name: "MigrateProgress", actions: STUCK }, { NX });
      await expectVerdict(exa0, { verdict: "violation", name: "MigrateProgress", actions: STUCK }, { NX });
    });
  }

  // Issue 10, request 6: (era, thr, exa) as free constants and five named combinations.
  it("mig0based-stale (0based, 1, 1): never migrates an unheld page (3) and migrates under one stray reference (4)", async () => {
    for (const NX of [1, 2]) {
      await expectVerdict(stale, { verdict: "violation", name: "MigrateProgress", actions: STUCK }, { NX });
      await expectOnlyBroken(make("mig0based-stale"), "NoMigrateWhilePinned", ["XGet", ...STUCK], { NX });
    }
  });
  it("mig1based-dropped (1based, 0, 0): the threshold test alone refuses every page (2 steps)", async () => {
    await expectVerdict(dropped, { verdict: "violation", name: "MigrateProgress", actions: ["MgCollect", "MgCheck"] });
    await expectVerdict(onlyInvariants(make("mig1based-dropped"), ["NoMigrateWhilePinned", "PageFreeOncePerAlloc", "NoGetOnZero", "NoUnderflow"]), { verdict: "ok" });
  });
  it("the reviewers' names for existing shapes give the same results", async () => {
    await expectVerdict(exactdropped, { verdict: "violation", name: "MigrateProgress", actions: STUCK });
    await expectVerdict(exactstale, { verdict: "violation", name: "MigrateProgress", actions: STUCK });
    const up = await expectVerdict(upstream, { verdict: "ok" });
    const thr = await expectVerdict(thr1, { verdict: "ok" });
    expect(up.distinctStates).toBe(thr.distinctStates);
  });
  it("ERA, THR and EXA override a variant's shape", async () => {
    const a = await expectVerdict(mig1based, { verdict: "violation", name: "MigrateProgress", actions: STUCK }, { ERA: "0based", THR: 1, EXA: 1 });
    const b = await expectVerdict(stale, { verdict: "violation", name: "MigrateProgress", actions: STUCK });
    expect(a.distinctStates).toBe(b.distinctStates);
    await expectVerdict(stale, { verdict: "ok" }, { EXA: 0 });
  });

  // The gap mutation testing found (issue 16): MgFinalize without its put leaves the old page
  // allocated forever, which only OldPageFreedAfterMigration sees.
  it("OldPageFreedAfterMigration catches a MgFinalize that skips its put", async () => {
    for (const v of ["mig0based", "mig1based"] as const) {
      const def = make(v);
      const base = def.actions;
      if (typeof base !== "function") throw new Error("the model's actions are a factory of the constants");
      const leaky: typeof def = {
        ...def,
        actions: (c) => ({ ...base(c), MgFinalize: (s) => (s.fault === null && s.mg === "moved" ? s.set("pte", "new").set("mg", "done") : null) }),
      };
      await expectOnlyBroken(leaky, "OldPageFreedAfterMigration", ["MgCollect", "MgCheck", "MgMove", "MgFinalize"]);
    }
  });
});
