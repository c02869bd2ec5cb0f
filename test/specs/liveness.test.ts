// Temporal properties of the zone-device specs (issue 7 §3): what never happens, under weak
// fairness of what the kernel carries through once started. specs/NOTES.md explains each verdict;
// the numbers were cross-checked with an independent fair-SCC computation over the full graph.

import { describe, expect, it } from "vitest";
import { defineSpec, leadsTo } from "../../src/index.js";
import * as FsdaxIdle from "../../specs/fsdax-idle/model.js";
import * as DevprivFree from "../../specs/devpriv-free/model.js";
import * as PgmapDevpriv from "../../specs/pgmap-devpriv/model.js";
import * as PgmapGup from "../../specs/pgmap-gup/model.js";
import * as Migrate from "../../specs/migrate-devpriv/model.js";
import devpriv from "../../specs/devpriv-liveness.js";
import { expectProperty, onlyProperty, type Lasso } from "./verdicts.js";

const fsdaxIdle = (v: FsdaxIdle.Variant) => defineSpec(FsdaxIdle.make(v));
const devprivFree = (v: DevprivFree.Variant) => defineSpec(DevprivFree.make(v));
const pgmapDevpriv = (v: PgmapDevpriv.Variant) => defineSpec(PgmapDevpriv.make(v));
const pgmapGup = (v: PgmapGup.Variant) => defineSpec(PgmapGup.make(v));
const migrate = (v: Migrate.Variant) => defineSpec(Migrate.make(v));

type Tpc = { readonly tpc: string; readonly fault: unknown };
const cycle = (l: Lasso) => l.states.slice(l.loop) as Tpc[];

describe("fsdax-idle: TruncateCompletes", () => {
  it("felixB: the waiter sleeps forever on an unmapped page (a stuttering lasso on the sleeping truncate)", async () => {
    const l = (await expectProperty(onlyProperty(fsdaxIdle("felixB"), "TruncateCompletes"), "violation"))!;
    expect(l.actions).toEqual(["GupRead1", "GupGrab1", "TLock", "TBusyScan", "GupRecheck1", "TWait"]);
    expect(l.loopAction).toBeNull();
    expect(l.loop).toBe(l.states.length - 1);
    expect(cycle(l).every((s) => s.tpc === "sleep" && s.fault === null)).toBe(true);
  });

  it("felixA: the waiter sleeps forever too (two gup threads needed)", async () => {
    const l = (await expectProperty(onlyProperty(fsdaxIdle("felixA"), "TruncateCompletes"), "violation"))!;
    expect(cycle(l).every((s) => s.tpc === "sleep")).toBe(true);
    await expectProperty(onlyProperty(fsdaxIdle("felixA"), "TruncateCompletes"), "ok", { NG: 1 });
  });

  for (const v of ["dax1based", "popple2024"] as const) {
    it(`${v}: truncate completes (NG = 1, 2, 3)`, async () => {
      for (const NG of [1, 2, 3]) await expectProperty(onlyProperty(fsdaxIdle(v), "TruncateCompletes"), "ok", { NG });
    });
  }

  // Without the "faulted back in while asleep" disjunct: what refaults during the sleep do.
  const strict = leadsTo((s: FsdaxIdle.FsdaxIdle) => s.tpc !== "start", (s) => s.tpc === "done" || s.fault !== null);
  const strictly = (v: FsdaxIdle.Variant) => onlyProperty(fsdaxIdle(v), "TruncateCommits", undefined, strict);

  it("popple2024, strictly: one fault during the sleep and truncate waits for that process's munmap", async () => {
    const l = (await expectProperty(strictly("popple2024"), "violation"))!;
    expect(l.actions).toEqual(["GupRead1", "GupGrab1", "GupRecheck1", "TLock", "TBusyScan", "TWait", "MapFault", "Unpin1"]);
    expect(l.loopAction).toBeNull();
    expect(l.states.at(-1)).toMatchObject({ tpc: "sleep", rc: 1, mc: 1, pte: "mapped" });
  });

  it("dax1based, strictly: only a process that keeps faulting and gup-ing starves truncate (a real cycle)", async () => {
    const l = (await expectProperty(strictly("dax1based"), "violation"))!;
    expect(l.loopAction).not.toBeNull();
    expect([...l.actions.slice(l.loop), l.loopAction]).toEqual(expect.arrayContaining(["MapFault", "GupRead2"]));
  });

  it("with no fault once truncate has started (REFAULT=false), dax1based and popple2024 commit strictly", async () => {
    await expectProperty(strictly("dax1based"), "ok", { REFAULT: false });
    await expectProperty(strictly("popple2024"), "ok", { REFAULT: false });
    await expectProperty(strictly("felixB"), "violation", { REFAULT: false });
  });
});

describe("devpriv-free: page_free after the last put", () => {
  for (const v of ["hmm2017", "hch2022", "v61"] as const) {
    it(`${v}: PageFreedAfterLastPut holds (NS = 1, 2)`, async () => {
      await expectProperty(onlyProperty(devprivFree(v), "PageFreedAfterLastPut"), "ok");
      await expectProperty(onlyProperty(devprivFree(v), "PageFreedAfterLastPut"), "ok", { NS: 2 });
    });
  }

  // The same question asked once the owner has put the page (walkers may still hold it).
  const afterOwnerPut = leadsTo((s: DevprivFree.DevprivFree) => s.allocated && s.D === "idle", (s) => !s.allocated || s.fault !== null);
  it("v61, one walker: a page its owner has put is freed", async () => {
    await expectProperty(onlyProperty(devprivFree("v61"), "PageFreedAfterOwnerPut", undefined, afterOwnerPut), "ok");
  });

  it("v61, two walkers: they can keep the page alive forever by taking turns", async () => {
    const l = (await expectProperty(onlyProperty(devprivFree("v61"), "PageFreedAfterOwnerPut", undefined, afterOwnerPut), "violation", { NS: 2 }))!;
    const c = l.states.slice(l.loop) as { allocated: boolean; S: { get(id: string): string } }[];
    expect(c.every((s) => s.allocated && (s.S.get("S1") === "hold" || s.S.get("S2") === "hold"))).toBe(true);
  });
});

describe("pgmap-devpriv: MemunmapCompletes, PageFreedAfterLastPut", () => {
  for (const v of ["devmap2017", "hch2022", "v61", "v61-late-alloc"] as const) {
    it(`${v}: both hold`, async () => {
      await expectProperty(onlyProperty(pgmapDevpriv(v), "MemunmapCompletes"), "ok");
      await expectProperty(onlyProperty(pgmapDevpriv(v), "PageFreedAfterLastPut"), "ok");
    });
  }

  it("v61 without the owner's fairness: memunmap_pages waits forever for a page the owner keeps", async () => {
    const spec = onlyProperty(pgmapDevpriv("v61"), "MemunmapCompletes", { UPutRefs: "weak", UWaitDone: "weak" });
    const l = (await expectProperty(spec, "violation"))!;
    expect(l.loopAction).toBeNull();
    const last = l.states[l.states.length - 1] as { upc: string; pages: { get(id: string): { O: string } } };
    expect(last.upc).toBe("putdone");
    expect(last.pages.get("page0").O).toBe("hold");
  });
});

describe("pgmap-gup: MemunmapCompletes", () => {
  for (const v of ["dax2015", "dax2015-nokill", "devmap2017"] as const) {
    it(`${v}: holds (NG=2)`, async () => {
      await expectProperty(onlyProperty(pgmapGup(v), "MemunmapCompletes"), "ok", { NG: 2 });
    });
  }
});

describe("migrate-devpriv: MigrationCompletes", () => {
  for (const v of ["mig1based", "mig0based", "mig0based-thr1"] as const) {
    it(`${v}: holds`, async () => {
      await expectProperty(onlyProperty(migrate(v), "MigrationCompletes"), "ok");
    });
  }
  for (const v of ["mig0based-exa1", "mig1based-exa0"] as const) {
    it(`${v}: the exact check never passes; the lasso is the retry loop`, async () => {
      const l = (await expectProperty(onlyProperty(migrate(v), "MigrationCompletes"), "violation"))!;
      const loopActions = [...l.actions.slice(l.loop), l.loopAction];
      expect(loopActions).toEqual(expect.arrayContaining(["MgCollect", "MgCheck", "MgMove", "MgRestore"]));
      const c = l.states.slice(l.loop) as { migrated: boolean; X: { get(id: string): string } }[];
      expect(c.every((s) => !s.migrated && s.X.get("X1") === "idle")).toBe(true);
    });
  }
});

describe("devpriv-liveness (the benchmark model plus its properties): PageFreedAfterLastPut", () => {
  it("holds for every page at P=2 T=3", async () => {
    for (const p of ["PageFreedAfterLastPut1", "PageFreedAfterLastPut2"]) await expectProperty(onlyProperty(devpriv, p), "ok");
  });
});
