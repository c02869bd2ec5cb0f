import { describe, it, expect } from "vitest";
import { Record } from "immutable";
import type { FaultCode } from "../../src/kernel/fault.js";
import {
  dax_folio_init,
  dax_folio_reset_order,
  folioGet,
  folioMapcount,
  folioOf,
  folioPut,
  folioRefInc,
  logicalHead,
  page_pgmap,
  rmapPte,
  rmapPud,
  type TailWord,
} from "../../src/kernel/folio.js";

const F = Record<{
  order: number; w1: TailWord; rc0: number; rc1: number; mc0: number; mc1: number; ent: number; lg: number;
  fault: FaultCode | null;
}>({ order: 1, w1: "tail", rc0: 0, rc1: 0, mc0: 0, mc1: 0, ent: 0, lg: 0, fault: null });

describe("folio", () => {
  it("resolves a tail to its head through the compound_head word", () => {
    expect(folioOf(F(), 1)).toBe(0);
    expect(folioOf(F({ order: 0, w1: "pgmap" }), 1)).toBe(1);
    expect(logicalHead(F(), 1)).toBe(0);
  });
  it("reading pgmap from a tail's own word is bogus; through the folio it is fine", () => {
    expect(page_pgmap(F(), 1, true).fault).toBe("bogus_pgmap");
    expect(page_pgmap(F(), 1, false).fault).toBeNull();
    expect(page_pgmap(F(), 0, true).fault).toBeNull();
  });
  it("the dax insert sequence adds one reference net and never sees zero", () => {
    const s = folioPut(rmapPte(folioGet(folioRefInc(F(), 0), 0), 1, 1), 0);
    expect([s.s.rc0, s.s.mc1, s.s.lg, s.s.fault, s.count]).toEqual([1, 1, 1, null, 1]);
  });
  it("folio_get on zero faults", () => {
    expect(folioGet(F(), 0).fault).toBe("get_on_zero");
  });
  it("a PUD mapping counts once in entire and large mapcount", () => {
    const s = rmapPud(F(), 1);
    expect([s.ent, s.lg, folioMapcount(s, 0)]).toEqual([1, 1, 1]);
  });
  it("order-0 pages keep only their own mapcount", () => {
    const s = rmapPte(F({ order: 0, w1: "pgmap" }), 1, 1);
    expect([s.mc1, s.lg, folioMapcount(s, 1)]).toEqual([1, 0, 1]);
  });
  it("reset_order splits the folio and reports a leftover refcount; init rebuilds it", () => {
    const r = dax_folio_reset_order(F({ ent: 1, lg: 1 }));
    expect([r.s.order, r.s.w1, r.s.ent, r.s.lg, r.dirty]).toEqual([0, "pgmap", 0, 0, false]);
    expect(dax_folio_reset_order(F({ rc0: 1 })).dirty).toBe(true);
    const i = dax_folio_init(r.s, 1);
    expect([i.order, i.w1]).toEqual([1, "tail"]);
  });
});
