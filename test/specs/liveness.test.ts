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
  // REFAULT=false: no process faults the page back in once truncate has started.
  it("felixB: the waiter sleeps forever (a stuttering lasso on the sleeping truncate)", async () => {
    const l = (await expectProperty(onlyProperty(fsdaxIdle("felixB"), "TruncateCompletes"), "violation", { REFAULT: false }))!;
    expect(l.loopAction).toBeNull();
    expect(l.loop).toBe(l.states.length - 1);
    expect(cycle(l).every((s) => s.tpc === "sleep" && s.fault === null)).toBe(true);
  });

  it("felixA: the waiter sleeps forever too", async () => {
    const l = (await expectProperty(onlyProperty(fsdaxIdle("felixA"), "TruncateCompletes"), "violation", { REFAULT: false }))!;
    expect(cycle(l).every((s) => s.tpc === "sleep")).toBe(true);
  });

  for (const v of ["dax1based", "popple2024"] as const) {
    it(`${v}: truncate completes once nobody faults the page back in`, async () => {
      await expectProperty(onlyProperty(fsdaxIdle(v), "TruncateCompletes"), "ok", { REFAULT: false });
    });
  }

  it("popple2024 with refaults: a page faulted back in during the wait keeps truncate asleep", async () => {
    const l = (await expectProperty(onlyProperty(fsdaxIdle("popple2024"), "TruncateCompletes"), "violation"))!;
    // no livelock needed: the process maps the page once and keeps it; nobody wakes the waiter
    expect(l.actions).toContain("MapFault");
    expect(l.loopAction).toBeNull();
    const last = l.states[l.states.length - 1] as { tpc: string; rc: number; mc: number; pte: string };
    expect(last).toMatchObject({ tpc: "sleep", rc: 1, mc: 1, pte: "mapped" });
  });

  it("dax1based with refaults: only a process that keeps faulting and gup-ing starves truncate (a real cycle)", async () => {
    const l = (await expectProperty(onlyProperty(fsdaxIdle("dax1based"), "TruncateCompletes"), "violation"))!;
    const loop = [...l.actions.slice(l.loop), l.loopAction];
    expect(loop).toContain("MapFault");
    expect(cycle(l).every((s) => s.tpc !== "done")).toBe(true);
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
    const c = l.states.slice(l.loop) as { allocated: boolean; S: string; S2: string }[];
    expect(c.every((s) => s.allocated && (s.S === "hold" || s.S2 === "hold"))).toBe(true);
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
    const last = l.states[l.states.length - 1] as { upc: string; O: string };
    expect(last.upc).toBe("putdone");
    expect(last.O).toBe("hold");
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
      const c = l.states.slice(l.loop) as { migrated: boolean; X: string }[];
      expect(c.every((s) => !s.migrated && s.X === "idle")).toBe(true);
    });
  }
});

describe("devpriv-liveness (the benchmark model plus its properties): PageFreedAfterLastPut", () => {
  it("holds for every page at P=2 T=3", async () => {
    for (const p of ["PageFreedAfterLastPut1", "PageFreedAfterLastPut2"]) await expectProperty(onlyProperty(devpriv, p), "ok");
  });
});
