// FOLL_PIN on a small folio and an ordinary page's free path, against the kernel's arithmetic
// (mm/gup.c try_grab_folio_fast, gup_put_folio; include/linux/mm.h folio_put_refs,
// folio_maybe_dma_pinned; mm/swap.c __folio_put).
import { Record } from "immutable";
import { describe, expect, it } from "vitest";
import { checkLeak, folioPutRefsIn, ORDINARY_PAGE } from "../../src/kernel/ordinary.js";
import { folio_put_refs, folio_ref_add, page_ref_sub_and_test } from "../../src/kernel/page.js";
import {
  GUP_PIN_COUNTING_BIAS as BIAS,
  gup_put_folio,
  page_maybe_dma_pinned,
  pin_bias_add,
  try_get_folio,
  try_grab_folio,
  unpin_user_page,
} from "../../src/kernel/pin.js";
import type { FaultCode } from "../../src/kernel/fault.js";

describe("counts by n", () => {
  it("folio_ref_add adds; page_ref_sub_and_test says when 0 is reached and refuses to go below", () => {
    expect(folio_ref_add(1, 1023)).toBe(1024);
    expect(page_ref_sub_and_test(1025, 1024)).toEqual({ count: 1, fault: null, zero: false });
    expect(folio_put_refs(1024, 1024)).toEqual({ count: 0, fault: null, zero: true });
    expect(folio_put_refs(3, 1024)).toEqual({ count: 3, fault: "underflow", zero: false });
  });
});

describe("FOLL_PIN", () => {
  it("gup-fast pins in two steps that add up to the bias, and unpin puts the bias back", () => {
    const got = try_get_folio(1)!;
    expect(got).toBe(2);
    const pinned = pin_bias_add(got);
    expect(pinned).toBe(1 + BIAS);
    expect(unpin_user_page(pinned)).toEqual({ count: 1, fault: null, zero: false });
    expect(try_get_folio(0)).toBeNull(); // the folio is being freed
    expect(pin_bias_add(2, 3)).toBe(2 + 3 * (BIAS - 1));
  });

  it("try_grab_folio: FOLL_GET adds refs, FOLL_PIN refs × 1024, and a zero count fails", () => {
    expect(try_grab_folio(1, 2, "get")).toEqual({ count: 3, fault: null });
    expect(try_grab_folio(1, 2, "pin")).toEqual({ count: 1 + 2 * BIAS, fault: null });
    expect(try_grab_folio(0, 1, "pin")).toEqual({ count: 0, fault: "get_on_zero" });
    expect(gup_put_folio(1 + 2 * BIAS, 2, "pin")).toEqual({ count: 1, fault: null, zero: false });
  });

  it("page_maybe_dma_pinned is refcount ≥ 1024", () => {
    expect(BIAS).toBe(1024);
    expect([1023, 1024, 1025].map(page_maybe_dma_pinned)).toEqual([false, true, true]);
  });
});

describe("an ordinary page's free path", () => {
  const Page = Record({ rc: 2, freed: false, fault: null as FaultCode | null });

  it("frees the page when the last reference goes, and not before", () => {
    const once = folioPutRefsIn(Page(), ORDINARY_PAGE, 1);
    expect(once.toJS()).toEqual({ rc: 1, freed: false, fault: null });
    expect(folioPutRefsIn(once, ORDINARY_PAGE, 1).toJS()).toEqual({ rc: 0, freed: true, fault: null });
  });

  it("a put on a freed page is a fault (use after free); a count left with no holder is a leak", () => {
    const freed = Page({ rc: 0, freed: true });
    expect(folioPutRefsIn(freed, ORDINARY_PAGE, 1).fault).toBe("underflow");
    expect(checkLeak(Page({ rc: 1023 }), ORDINARY_PAGE, 0).fault).toBe("leak");
    expect(checkLeak(Page({ rc: 1023 }), ORDINARY_PAGE, 1).fault).toBeNull();
    expect(checkLeak(freed, ORDINARY_PAGE, 0).fault).toBeNull();
  });
});
