import { describe, it, expect } from "vitest";
import { Record } from "immutable";
import type { FaultCode } from "../../src/kernel/fault.js";
import {
  folio_ref_inc,
  get_page,
  get_page_unless_zero,
  getPageIn,
  page_ref_add_unless_one,
  put_page,
  putPageIn,
  refIncIn,
  set_page_count,
  tryGetIn,
} from "../../src/kernel/page.js";

const P = Record<{ rc: number; other: number; fault: FaultCode | null }>({ rc: 0, other: 0, fault: null });

describe("page refcount primitives", () => {
  it("get_page adds one and faults get_on_zero on a count ≤ 0", () => {
    expect(get_page(1)).toEqual({ count: 2, fault: null });
    expect(get_page(0)).toEqual({ count: 1, fault: "get_on_zero" });
  });
  it("get_page_unless_zero fails only on 0", () => {
    expect(get_page_unless_zero(0)).toBeNull();
    expect(get_page_unless_zero(1)).toBe(2);
  });
  it("page_ref_add_unless(1,1) refuses a count of 1", () => {
    expect(page_ref_add_unless_one(1)).toBeNull();
    expect(page_ref_add_unless_one(2)).toBe(3);
  });
  it("folio_ref_inc never checks for zero", () => {
    expect(folio_ref_inc(0)).toBe(1);
  });
  it("put_page returns the new count, and underflow leaves the count", () => {
    expect(put_page(2)).toEqual({ count: 1, fault: null });
    expect(put_page(0)).toEqual({ count: 0, fault: "underflow" });
  });
  it("set_page_count overwrites", () => {
    expect(set_page_count(5, 1)).toBe(1);
  });
});

describe("record forms", () => {
  it("update only the named field and raise the fault once", () => {
    const s = getPageIn(P(), "rc");
    expect(s.rc).toBe(1);
    expect(s.fault).toBe("get_on_zero");
    const t = putPageIn(s, "other");
    expect(t.fault).toBe("get_on_zero"); // first fault wins
    expect(t.other).toBe(0);
  });
  it("tryGetIn fails on 0 and otherwise increments", () => {
    expect(tryGetIn(P(), "rc")).toBeNull();
    expect(tryGetIn(refIncIn(P(), "rc"), "rc")?.rc).toBe(2);
  });
  it("putPageIn decrements without fault when positive", () => {
    const s = putPageIn(P({ rc: 2 }), "rc");
    expect(s.rc).toBe(1);
    expect(s.fault).toBeNull();
  });
});
