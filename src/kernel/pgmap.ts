// struct dev_pagemap's side of the era table (brief §1.3, §2.2, §2.7): which types have
// ops->page_free, the pgmap refs memremap takes, and the memunmap_pages steps. The page side
// (initial refcount, what a put triggers) is eras.ts; both take the era as data.

import type { Era, PgmapType } from "./eras.js";
import { completionDone, refKill, refPut, type PgmapLookupHost } from "./percpu-ref.js";

export type { Era, PgmapType } from "./eras.js";

const isPrivateLike = (t: PgmapType): boolean => t === "PRIVATE" || t === "COHERENT";

/** ops->page_free (later folio_free) exists: the types whose pages come from an allocator. */
export function hasPageFree(t: PgmapType): boolean {
  return isPrivateLike(t) || t === "P2PDMA";
}

/**
 * The pgmap refs memremap_pages takes besides percpu_ref_init's own, for N pages (§2.7):
 * none in 2015 (get_page takes them), one per page from (a′), and from (c′) none for
 * PRIVATE/COHERENT, whose allocation takes one per allocated page instead.
 */
export function setupPgmapRefs(era: Era, t: PgmapType, n: number): number {
  if (era === "a") return 0;
  if ((era === "c'" || era === "d") && isPrivateLike(t)) return 0;
  return n;
}

/** Does get_page itself take a pgmap ref (get_zone_device_page)? Only in 2015. */
export function getPageTakesPgmapRef(era: Era): boolean {
  return era === "a";
}

/** The middle step of memunmap_pages, between the kill and the wait (§2.7). */
export type MemunmapPutRefs =
  | "none" // (a): the driver killed and drained the ref itself; (c′)/(d) PRIVATE/COHERENT
  | "put_page_each_pfn" // (a′)/(b): put_page on every pfn drops each page's base reference
  | "put_many"; // (c) and non-PRIVATE/COHERENT (c′)/(d): percpu_ref_put_many(N)

export function memunmapPutRefs(era: Era, t: PgmapType): MemunmapPutRefs {
  if (era === "a") return "none";
  if (era === "a'" || era === "b") return "put_page_each_pfn";
  return setupPgmapRefs(era, t, 1) === 0 ? "none" : "put_many";
}

/** memunmap step 1, `UKill` (or the 2015 driver's own kill): percpu_ref_kill. */
export function memunmapKill<S extends PgmapLookupHost<S>>(s: S): S {
  return refKill(s);
}

/** memunmap step 2 when it is `put_many`: the n setup refs go in one percpu_ref_put_many. */
export function memunmapPutMany<S extends PgmapLookupHost<S>>(s: S, n: number): S {
  return refPut(s, n);
}

/**
 * memunmap step 3, `UWaitDone`: wait_for_completion(&pgmap->done), then the range leaves the
 * pfn lookup and the struct pages go. Null while the ref has not drained (the action is blocked).
 */
export function memunmapWaitDone<S extends PgmapLookupHost<S> & { set(k: "unmapped", v: boolean): S }>(s: S): S | null {
  return completionDone(s) ? s.set("unmapped", true) : null;
}
