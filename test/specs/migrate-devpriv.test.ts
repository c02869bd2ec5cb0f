// migrate-devpriv (brief §5.8, §4.12): the expected-count checks hold when they match the era's
// convention, and a stale or early +1 in the exact check blocks migration with no extra holder.

import { describe, it } from "vitest";
import mig1based from "../../specs/migrate-devpriv/mig1based.js";
import mig0based from "../../specs/migrate-devpriv/mig0based.js";
import thr1 from "../../specs/migrate-devpriv/mig0based-thr1.js";
import exa1 from "../../specs/migrate-devpriv/mig0based-exa1.js";
import exa0 from "../../specs/migrate-devpriv/mig1based-exa0.js";
import { expectVerdict } from "./verdicts.js";

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
});
