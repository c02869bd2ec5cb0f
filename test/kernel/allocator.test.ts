// The driver page allocator: free list, ghost `allocated`, page_free faults, alloc per era.

import { Record, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import { allocCount, allocPop, pageFree, zoneDevicePageInit } from "../../src/kernel/allocator.js";
import type { FaultCode } from "../../src/kernel/fault.js";
import { percpuRefInit, refKill } from "../../src/kernel/percpu-ref.js";

type Fields = { rc: number; onFreeList: boolean; allocated: boolean; cnt: number; dead: boolean; released: boolean; fault: FaultCode | null };
const Page = Record<Fields>({ rc: 0, onFreeList: true, allocated: false, ...percpuRefInit(), fault: null });
const free = (): RecordOf<Fields> => Page();

type PoolFields = { inPool: boolean; allocated: boolean; fault: FaultCode | null };
const PoolPage = Record<PoolFields>({ inPool: true, allocated: false, fault: null });

describe("driver allocator", () => {
  it("alloc pops the page and page_free pushes it back", () => {
    const a = allocPop(free(), "onFreeList");
    expect(a.toObject()).toMatchObject({ onFreeList: false, allocated: true });
    const f = pageFree(a, "onFreeList");
    expect(f.toObject()).toMatchObject({ onFreeList: true, allocated: false, fault: null });
  });

  it("freeing a page that is not allocated is a double free", () => {
    expect(pageFree(free(), "onFreeList").fault).toBe("double_free");
  });

  it("freeing a page its owner still holds is free_while_referenced", () => {
    expect(pageFree(allocPop(free(), "onFreeList"), "onFreeList", true).fault).toBe("free_while_referenced");
  });

  it("works over p2pdma's genpool flag", () => {
    const p: RecordOf<PoolFields> = PoolPage();
    expect(pageFree(allocPop(p, "inPool"), "inPool").inPool).toBe(true);
  });

  it("alloc's count effect per era (§2.6)", () => {
    expect(allocCount("devmap2017")).toBe("get_page");
    expect(allocCount("hch2022")).toBe("none");
    expect(allocCount("v61")).toBe("zone_device_page_init");
    expect(allocCount("popple2024")).toBe("zone_device_page_init");
  });

  it("zone_device_page_init takes a pgmap ref and sets the count to 1", () => {
    const s = zoneDevicePageInit(free());
    expect(s.toObject()).toMatchObject({ rc: 1, cnt: 2, fault: null });
  });

  it("after the kill it WARNs (alloc_after_kill) and carries on without the ref", () => {
    const s = zoneDevicePageInit(refKill(free()));
    expect(s.toObject()).toMatchObject({ rc: 1, cnt: 0, fault: "alloc_after_kill" });
  });
});
