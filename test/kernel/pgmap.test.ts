// dev_pagemap era data: the pgmap refs memremap takes and the memunmap steps (brief §2.7).
// The page side of the era table (initial counts, put effects) is tested in eras.test.ts.

import { Record, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import type { FaultCode } from "../../src/kernel/fault.js";
import { percpuRefInit, refGet, refPut } from "../../src/kernel/percpu-ref.js";
import {
  getPageTakesPgmapRef,
  hasPageFree,
  memunmapKill,
  memunmapPutMany,
  memunmapPutRefs,
  memunmapWaitDone,
  setupPgmapRefs,
  type PgmapType,
} from "../../src/kernel/pgmap.js";

const TYPES: PgmapType[] = ["PRIVATE", "COHERENT", "FS_DAX", "GENERIC", "P2PDMA"];

describe("pgmap refs and memunmap (§2.7)", () => {
  it("memremap takes N refs from (a′), none for PRIVATE/COHERENT from (c′)", () => {
    expect(setupPgmapRefs("a", "FS_DAX", 4)).toBe(0);
    expect(setupPgmapRefs("b", "PRIVATE", 4)).toBe(4);
    expect(setupPgmapRefs("c", "PRIVATE", 4)).toBe(4);
    expect(setupPgmapRefs("c'", "PRIVATE", 4)).toBe(0);
    expect(setupPgmapRefs("c'", "P2PDMA", 4)).toBe(4);
    expect(setupPgmapRefs("d", "COHERENT", 4)).toBe(0);
  });
  it("only 2015's get_page takes a pgmap ref", () => {
    expect(getPageTakesPgmapRef("a")).toBe(true);
    expect(getPageTakesPgmapRef("a'")).toBe(false);
  });
  it("the middle step is per-pfn put_page, then put_many, then nothing for device-private", () => {
    expect(memunmapPutRefs("a", "FS_DAX")).toBe("none");
    expect(memunmapPutRefs("b", "PRIVATE")).toBe("put_page_each_pfn");
    expect(memunmapPutRefs("c", "PRIVATE")).toBe("put_many");
    expect(memunmapPutRefs("c'", "PRIVATE")).toBe("none");
    expect(memunmapPutRefs("c'", "FS_DAX")).toBe("put_many");
  });
  it("only allocator-backed types have page_free", () => {
    expect(TYPES.filter(hasPageFree)).toEqual(["PRIVATE", "COHERENT", "P2PDMA"]);
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
