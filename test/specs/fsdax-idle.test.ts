// fsdax-idle (brief §5.2, §4.3): the verdicts and counterexamples of the brief's table, and the
// same verdicts with more gup threads.

import { describe, it, expect } from "vitest";
import dax1based from "../../specs/fsdax-idle/dax1based.js";
import felixA from "../../specs/fsdax-idle/felixA.js";
import felixB from "../../specs/fsdax-idle/felixB.js";
import popple2024 from "../../specs/fsdax-idle/popple2024.js";
import keymismatch from "../../specs/fsdax-idle/keymismatch.js";
import norecheck1 from "../../specs/fsdax-idle/dax1based-norecheck.js";
import norecheckD from "../../specs/fsdax-idle/popple2024-norecheck.js";
import noinc from "../../specs/fsdax-idle/popple2024-noinc.js";
import { make } from "../../specs/fsdax-idle/model.js";
import { expectVerdict, onlyInvariants } from "./verdicts.js";

const FELIX_A = ["GupRead1", "GupGrab1", "GupRecheck1", "TLock", "TBusyScan", "TCommit"];
const FELIX_B = ["GupRead1", "GupGrab1", "TLock", "TBusyScan", "GupRecheck1", "TWait"];

describe("fsdax-idle", () => {
  it("dax1based (eras b–c′) holds, with no deadlock", async () => {
    await expectVerdict(dax1based, { verdict: "ok" });
  });
  it("felixA: an unchanged fs truncates under a live pin in 6 steps", async () => {
    await expectVerdict(felixA, { verdict: "violation", name: "TruncateNeverWhilePinned", actions: FELIX_A });
  });
  it("felixA also strands the waiter, at 9 steps", async () => {
    const r = await expectVerdict(onlyInvariants(make("felixA"), ["NoStrandedWaiter"]), { verdict: "violation", name: "NoStrandedWaiter", steps: 9 });
    expect(r.violation!.trace.at(-1)!.action).toBe("TWait");
  });
  it("felixB: a new busy test with the old wait condition strands the waiter in 6 steps", async () => {
    await expectVerdict(felixB, { verdict: "violation", name: "NoStrandedWaiter", actions: FELIX_B });
  });
  it("popple2024 (era d) holds, with no deadlock", async () => {
    await expectVerdict(popple2024, { verdict: "ok" });
  });
  it("gives the same verdicts with 1, 3 and 4 gup threads", async () => {
    for (const NG of [1, 3, 4]) {
      await expectVerdict(dax1based, { verdict: "ok" }, { NG });
      await expectVerdict(popple2024, { verdict: "ok" }, { NG });
      await expectVerdict(felixA, { verdict: "violation", name: "TruncateNeverWhilePinned", actions: FELIX_A }, { NG });
      await expectVerdict(felixB, { verdict: "violation", name: "NoStrandedWaiter", actions: FELIX_B }, { NG });
    }
  });

  // Issue 10, requests 7-9 (NG=1 and the default 2: the same traces).
  for (const NG of [1, 2]) {
    it(`keymismatch: a waiter on the page never hears the wake on &_refcount (6 steps, NG=${NG})`, async () => {
      await expectVerdict(keymismatch, {
        verdict: "violation",
        name: "NoStrandedWaiter",
        actions: ["GupRead1", "GupGrab1", "TLock", "TBusyScan", "TWait", "GupRecheck1"],
      }, { NG });
    });
    it(`dax1based-norecheck: a grab after the scan is a pin truncate never saw (5 steps, NG=${NG})`, async () => {
      await expectVerdict(norecheck1, {
        verdict: "violation",
        name: "TruncateNeverWhilePinned",
        actions: ["GupRead1", "TLock", "TBusyScan", "GupGrab1", "TCommit"],
      }, { NG });
    });
    it(`popple2024-norecheck holds: a grab after the unmap fails at 0 or is seen by the busy test (NG=${NG})`, async () => {
      await expectVerdict(norecheckD, { verdict: "ok" }, { NG });
    });
    it(`popple2024-noinc: the insert's folio_get on an idle page (Zap, MapFault; NG=${NG})`, async () => {
      await expectVerdict(noinc, { verdict: "violation", name: "NoGetOnZero", actions: ["Zap", "MapFault"] }, { NG });
    });
  }
});
