// The driver page allocator: free list, ghost `allocated`, page_free faults, alloc per era.

import { Record, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import { DRIVER_LIST, GENPOOL, allocCount, allocPop, pageFree, zoneDevicePageInit } from "../../src/kernel/allocator.js";
import type { FaultCode } from "../../src/kernel/fault.js";
import { percpuRefInit, refKill } from "../../src/kernel/percpu-ref.js";

type Fields = { rc: number; onFreeList: boolean; allocated: boolean; cnt: number; dead: boolean; released: boolean; fault: FaultCode | null };
const Page = Record<Fields>({ rc: 0, onFreeList: true, allocated: false, ...percpuRefInit(), fault: null });
const free = (): RecordOf<Fields> => Page();

type PoolFields = { inPool: boolean; allocated: boolean; fault: FaultCode | null };
const PoolPage = Record<PoolFields>({ inPool: true, allocated: false, fault: null });

describe("driver allocator", () => {
  it("alloc pops the page and page_free pushes it back", () => {
    const a = allocPop(free(), DRIVER_LIST);
    expect(a.toObject()).toMatchObject({ onFreeList: false, allocated: true });
    const f = pageFree(a, DRIVER_LIST);
    expect(f.toObject()).toMatchObject({ onFreeList: true, allocated: false, fault: null });
  });

  it("freeing a page that is not allocated is a double free", () => {
    expect(pageFree(free(), DRIVER_LIST).fault).toBe("double_free");
  });

  it("freeing a page its owner still holds is free_while_referenced", () => {
    expect(pageFree(allocPop(free(), DRIVER_LIST), DRIVER_LIST, true).fault).toBe("free_while_referenced");
  });

  it("works over suffixed per-page keys", () => {
    const Two = Record<{ onFreeList2?: boolean; allocated2?: boolean; fault: FaultCode | null }>({ onFreeList2: true, allocated2: false, fault: null });
    const keys = { list: "onFreeList2", allocated: "allocated2" } as const;
    const a = allocPop(Two(), keys);
    expect(a.toObject()).toMatchObject({ onFreeList2: false, allocated2: true });
    expect(pageFree(pageFree(a, keys), keys).fault).toBe("double_free");
  });

  it("works over p2pdma's genpool flag", () => {
    const p: RecordOf<PoolFields> = PoolPage();
    expect(pageFree(allocPop(p, GENPOOL), GENPOOL).inPool).toBe(true);
  });

  it("alloc's count effect per era (§2.6)", () => {
    expect(allocCount("b")).toBe("get_page");
    expect(allocCount("c")).toBe("none");
    expect(allocCount("c'")).toBe("zone_device_page_init");
    expect(allocCount("d")).toBe("zone_device_page_init");
  });

  it("zone_device_page_init takes a pgmap ref and sets the count to 1", () => {
    const s = zoneDevicePageInit(free(), "rc");
    expect(s.toObject()).toMatchObject({ rc: 1, cnt: 2, fault: null });
  });

  it("after the kill it WARNs (alloc_after_kill) and carries on without the ref", () => {
    const s = zoneDevicePageInit(refKill(free()), "rc");
    expect(s.toObject()).toMatchObject({ rc: 1, cnt: 0, fault: "alloc_after_kill" });
  });
});
