// FOLL_PIN on a small folio (mm/gup.c, include/linux/mm.h): a pin adds GUP_PIN_COUNTING_BIAS to
// the refcount, in gup-fast in two atomic steps (try_get_folio, then folio_ref_add(BIAS − 1)),
// and unpin_user_page puts the whole bias back with folio_put_refs. Large folios count pins in
// _pincount instead; these functions are the small-folio path, over a plain count.

import type { FaultCode } from "./fault.js";
import { folio_put_refs, type PutStep, type RefStep } from "./page.js";

/** GUP_PIN_COUNTING_BIAS (include/linux/mm.h): what one pin adds to a small folio's refcount. */
export const GUP_PIN_COUNTING_BIAS = 1024;

export type GupFlags = "get" | "pin"; // FOLL_GET or FOLL_PIN

/**
 * try_get_folio (gup-fast's first step, folio_ref_try_add): +refs, or null when the count is 0
 * (the folio is being freed). The kernel WARNs on a negative count; a stored count never is.
 */
export function try_get_folio(count: number, refs = 1): number | null {
  return count <= 0 ? null : count + refs;
}

/** try_grab_folio_fast's second step for FOLL_PIN: folio_ref_add(folio, refs × (BIAS − 1)). */
export function pin_bias_add(count: number, refs = 1): number {
  return count + refs * (GUP_PIN_COUNTING_BIAS - 1);
}

/**
 * try_grab_folio (the slow path, under the page-table lock, so one step): FOLL_GET adds refs,
 * FOLL_PIN refs × BIAS; on a count ≤ 0 it WARNs and fails, folded into `get_on_zero` as
 * try_grab_page is (the count is then left as it was).
 */
export function try_grab_folio(count: number, refs: number, flags: GupFlags): RefStep {
  if (count <= 0) return { count, fault: "get_on_zero" satisfies FaultCode };
  return { count: count + (flags === "pin" ? refs * GUP_PIN_COUNTING_BIAS : refs), fault: null };
}

/** What gup_put_folio puts for `refs` grabs: refs for FOLL_GET, refs × BIAS for FOLL_PIN. */
export function gup_put_refs(refs: number, flags: GupFlags): number {
  return flags === "pin" ? refs * GUP_PIN_COUNTING_BIAS : refs;
}

/** gup_put_folio(folio, refs, flags) at the count level: folio_put_refs of gup_put_refs. */
export function gup_put_folio(count: number, refs: number, flags: GupFlags): PutStep {
  return folio_put_refs(count, gup_put_refs(refs, flags));
}

/** unpin_user_page: gup_put_folio(folio, 1, FOLL_PIN), i.e. folio_put_refs(folio, BIAS). */
export function unpin_user_page(count: number): PutStep {
  return gup_put_folio(count, 1, "pin");
}

/**
 * folio_maybe_dma_pinned / page_maybe_dma_pinned for a small folio: refcount ≥ BIAS. False is
 * exact ("definitely not pinned"); true may be a false positive (BIAS ordinary references).
 */
export function page_maybe_dma_pinned(count: number): boolean {
  return count >= GUP_PIN_COUNTING_BIAS;
}
export const folio_maybe_dma_pinned = page_maybe_dma_pinned;
