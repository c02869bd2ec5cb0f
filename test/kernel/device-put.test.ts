import { Record } from "immutable";
import { describe, expect, it } from "vitest";
import { putDevicePage, putPrivatePage } from "../../src/kernel/device-put.js";
import type { FaultCode } from "../../src/kernel/fault.js";

interface F {
  rc: number;
  onFreeList: boolean;
  allocated: boolean;
  log: string;
  fault: FaultCode | null;
}
const Page = Record<F>({ rc: 1, onFreeList: false, allocated: true, log: "", fault: null });
const note = (e: string) => (t: ReturnType<typeof Page>) => t.set("log", `${t.log}${e}@${t.rc} `);

describe("putDevicePage", () => {
  it("runs the era's effects at the new count in the table's order, the reset to 1 last (hch 2022)", () => {
    const t = putDevicePage(Page(), "rc", "c", "PRIVATE", { page_free: note("page_free"), pgmap_put: note("pgmap_put") });
    expect(t.log).toBe("page_free@0 ");
    expect(t.rc).toBe(1);
  });
  it("gives each effect the count it sees after the ones before it (v6.1: page_free then the pgmap put, at 0)", () => {
    const t = putDevicePage(Page(), "rc", "c'", "PRIVATE", { page_free: note("page_free"), pgmap_put: note("pgmap_put") });
    expect([t.log, t.rc]).toEqual(["page_free@0 pgmap_put@0 ", 0]);
  });
  it("runs nothing above the era's threshold, and leaves out an effect the spec has no handler for", () => {
    expect(putDevicePage(Page({ rc: 2 }), "rc", "c'", "PRIVATE", { page_free: note("page_free") }).log).toBe("");
    expect(putDevicePage(Page(), "rc", "c'", "PRIVATE", { pgmap_put: note("pgmap_put") }).log).toBe("pgmap_put@0 ");
  });
  it("an underflowing put faults and runs no effect", () => {
    const t = putDevicePage(Page({ rc: 0 }), "rc", "d", "GENERIC", { page_free: note("page_free") });
    expect([t.rc, t.fault, t.log]).toEqual([0, "underflow", ""]);
  });
});

describe("putPrivatePage (driver list, no pgmap)", () => {
  it("frees at 1 in the 1-based era and faults a put to 0 there", () => {
    const freed = putPrivatePage(Page({ rc: 2 }), "b");
    expect([freed.rc, freed.onFreeList, freed.allocated, freed.fault]).toEqual([1, true, false, null]);
    expect(putPrivatePage(Page({ rc: 1 }), "b").fault).toBe("zero_in_1based");
  });
  it("frees at 0 from v6.1 (the pgmap put is not modelled), and a second free is a double free", () => {
    const freed = putPrivatePage(Page({ rc: 1 }), "c'");
    expect([freed.rc, freed.onFreeList, freed.fault]).toEqual([0, true, null]);
    expect(putPrivatePage(Page({ rc: 1, allocated: false }), "c'").fault).toBe("double_free");
  });
});
