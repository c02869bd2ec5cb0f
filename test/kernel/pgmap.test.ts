// dev_pagemap era data: the tables of brief §2.4, §2.5 and §2.7, plus the memunmap steps.

import { Record, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import type { FaultCode } from "../../src/kernel/fault.js";
import { percpuRefInit, refGet, refPut } from "../../src/kernel/percpu-ref.js";
import {
  hasPageFree,
  initialRefcount,
  memunmapKill,
  memunmapPutMany,
  memunmapPutRefs,
  memunmapWaitDone,
  putEffects,
  setupPgmapRefs,
  type PgmapType,
} from "../../src/kernel/pgmap.js";

const TYPES: PgmapType[] = ["PRIVATE", "COHERENT", "FS_DAX", "GENERIC", "PCI_P2PDMA"];

describe("initial refcount (§2.5)", () => {
  it("is 1 for every type up to v6.0", () => {
    for (const t of TYPES) for (const era of ["dax2015", "devmap2017", "hch2022"] as const) expect(initialRefcount(era, t)).toBe(1);
  });
  it("v6.1 starts PRIVATE/COHERENT at 0", () => {
    expect(TYPES.map((t) => initialRefcount("v61", t))).toEqual([0, 0, 1, 1, 1]);
  });
  it("v6.15 starts everything at 0 except GENERIC", () => {
    expect(TYPES.map((t) => initialRefcount("popple2024", t))).toEqual([0, 0, 0, 1, 0]);
  });
});

describe("pgmap refs and memunmap (§2.7)", () => {
  it("memremap takes N refs from (a′), none for PRIVATE/COHERENT from (c′)", () => {
    expect(setupPgmapRefs("dax2015", "FS_DAX", 4)).toBe(0);
    expect(setupPgmapRefs("devmap2017", "PRIVATE", 4)).toBe(4);
    expect(setupPgmapRefs("hch2022", "PRIVATE", 4)).toBe(4);
    expect(setupPgmapRefs("v61", "PRIVATE", 4)).toBe(0);
    expect(setupPgmapRefs("v61", "PCI_P2PDMA", 4)).toBe(4);
    expect(setupPgmapRefs("popple2024", "COHERENT", 4)).toBe(0);
  });
  it("the middle step is per-pfn put_page, then put_many, then nothing for device-private", () => {
    expect(memunmapPutRefs("devmap2017", "PRIVATE")).toBe("put_page_each_pfn");
    expect(memunmapPutRefs("hch2022", "PRIVATE")).toBe("put_many");
    expect(memunmapPutRefs("v61", "PRIVATE")).toBe("none");
    expect(memunmapPutRefs("v61", "FS_DAX")).toBe("put_many");
  });

  type P = RecordOf<{ cnt: number; dead: boolean; released: boolean; unmapped: boolean; fault: FaultCode | null }>;
  const P = Record<{ cnt: number; dead: boolean; released: boolean; unmapped: boolean; fault: FaultCode | null }>({
    ...percpuRefInit(2),
    unmapped: false,
    fault: null,
  });

  it("kill, put_many(N), wait: the wait blocks until every ref is gone", () => {
    const killed = memunmapKill(refGet(P() as P));
    expect(memunmapWaitDone(killed)).toBeNull();
    const drained = memunmapPutMany(killed, 2);
    expect(memunmapWaitDone(drained)).toBeNull();
    expect(memunmapWaitDone(refPut(drained))?.unmapped).toBe(true);
  });
});

describe("what a put triggers (§2.4)", () => {
  it("2015: put_dev_pagemap after every put; reaching 0 is unexpected", () => {
    expect(putEffects("dax2015", "FS_DAX", 1)).toEqual(["put_pgmap"]);
    expect(putEffects("dax2015", "FS_DAX", 0)).toEqual(["freed_in_2015", "put_pgmap"]);
  });
  it("1-based eras: device-private is freed at 1 and drops its pgmap ref at 0", () => {
    expect(putEffects("devmap2017", "PRIVATE", 1)).toEqual(["page_free"]);
    expect(putEffects("devmap2017", "PRIVATE", 0)).toEqual(["put_pgmap"]);
    expect(putEffects("devmap2017", "FS_DAX", 1)).toEqual(["wake_refcount"]);
  });
  it("hch 2022: freed at 0 and reset to 1; fsdax still wakes at 1", () => {
    expect(putEffects("hch2022", "PRIVATE", 0)).toEqual(["page_free", "reset_to_1"]);
    expect(putEffects("hch2022", "PRIVATE", 1)).toEqual([]);
    expect(putEffects("hch2022", "FS_DAX", 1)).toEqual(["wake_refcount"]);
    expect(putEffects("hch2022", "GENERIC", 0)).toEqual(["no_page_free"]);
  });
  it("v6.1: device-private stays at 0 and drops its pgmap ref; p2pdma still resets", () => {
    expect(putEffects("v61", "PRIVATE", 0)).toEqual(["page_free", "put_pgmap"]);
    expect(putEffects("v61", "PCI_P2PDMA", 0)).toEqual(["page_free", "reset_to_1"]);
  });
  it("v6.15: free_zone_device_folio switches on the type", () => {
    expect(TYPES.map((t) => putEffects("popple2024", t, 0))).toEqual([
      ["page_free", "put_pgmap"],
      ["page_free", "put_pgmap"],
      ["wake_page"],
      ["reset_to_1"],
      ["page_free"],
    ]);
    expect(putEffects("popple2024", "FS_DAX", 1)).toEqual([]);
  });
  it("only allocator-backed types have page_free", () => {
    expect(TYPES.filter(hasPageFree)).toEqual(["PRIVATE", "COHERENT", "PCI_P2PDMA"]);
  });
});
