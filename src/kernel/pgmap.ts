// struct dev_pagemap as data (brief §1.3, §2.0, §2.4, §2.5, §2.7): its type, whether it has
// ops->page_free, the refcount its pages start at, the pgmap refs memremap takes, what a put
// to 1 or 0 triggers, and the memunmap_pages steps, each a function of the era and the type.

import { completionDone, refKill, refPut, type PgmapLookupHost } from "./percpu-ref.js";

export type PgmapType = "PRIVATE" | "COHERENT" | "FS_DAX" | "GENERIC" | "PCI_P2PDMA";

/**
 * The eras of §2.0: (a) dax2015 v4.5–v4.11; (a′)/(b) devmap2017 v4.12–v5.18 (per-page pgmap
 * ref, HMM's 1-based free pages); (c) hch2022 ~v5.19–v6.0; (c′) v61 v6.1–v6.14; (d) popple2024
 * v6.15+.
 */
export type Era = "dax2015" | "devmap2017" | "hch2022" | "v61" | "popple2024";
export const ERAS: readonly Era[] = ["dax2015", "devmap2017", "hch2022", "v61", "popple2024"];

const isPrivateLike = (t: PgmapType): boolean => t === "PRIVATE" || t === "COHERENT";

/** ops->page_free (later folio_free) exists: drivers that allocate pages return them through it. */
export function hasPageFree(t: PgmapType): boolean {
  return isPrivateLike(t) || t === "PCI_P2PDMA";
}

/** __init_zone_device_page: the refcount every page of the type starts at (§2.5). */
export function initialRefcount(era: Era, t: PgmapType): 0 | 1 {
  if (era === "v61") return isPrivateLike(t) ? 0 : 1;
  if (era === "popple2024") return t === "GENERIC" ? 1 : 0;
  return 1;
}

/**
 * The pgmap refs memremap_pages takes besides percpu_ref_init's own, for N pages (§2.7):
 * none in 2015 (get_page takes them), one per page from (a′), and from (c′) none for
 * PRIVATE/COHERENT, whose allocation takes one per allocated page instead.
 */
export function setupPgmapRefs(era: Era, t: PgmapType, n: number): number {
  if (era === "dax2015") return 0;
  if ((era === "v61" || era === "popple2024") && isPrivateLike(t)) return 0;
  return n;
}

/** Does get_page itself take a pgmap ref (get_zone_device_page)? Only in 2015. */
export function getPageTakesPgmapRef(era: Era): boolean {
  return era === "dax2015";
}

/** What a put on a ZONE_DEVICE page runs after the decrement, in order (§2.4). */
export type PutEffect =
  | "page_free" // pgmap->ops->page_free (folio_free): back to the driver's allocator
  | "put_pgmap" // put_dev_pagemap: drop the page's pgmap ref
  | "reset_to_1" // set_page_count(1): free pages sit at 1
  | "wake_refcount" // wake_up_var(&page->_refcount): the 1-based fsdax idle wakeup
  | "wake_page" // wake_up_var(&folio->page): the era-d fsdax idle wakeup
  | "freed_in_2015" // __put_page on a 2015 dax page: not expected to happen
  | "no_page_free"; // free_zone_device_page WARNs and returns: the pgmap has no page_free

/** The effects of a put that left the (head) page at count c, for a page of type t in era. */
export function putEffects(era: Era, t: PgmapType, c: number): readonly PutEffect[] {
  switch (era) {
    case "dax2015":
      // put_zone_device_page: put_dev_pagemap after every put, whatever the count.
      return c === 0 ? ["freed_in_2015", "put_pgmap"] : ["put_pgmap"];
    case "devmap2017":
      // put_devmap_managed_page splits 1 (free/idle) from 0 (__put_page drops the setup ref).
      if (c === 1 && t === "PRIVATE") return ["page_free"];
      if (c === 1 && t === "FS_DAX") return ["wake_refcount"];
      return c === 0 ? ["put_pgmap"] : [];
    case "hch2022":
    case "v61":
      if (t === "FS_DAX") return c === 1 ? ["wake_refcount"] : [];
      if (c !== 0) return [];
      if (!hasPageFree(t)) return ["no_page_free"];
      if (era === "v61" && isPrivateLike(t)) return ["page_free", "put_pgmap"];
      return ["page_free", "reset_to_1"];
    case "popple2024":
      if (c !== 0) return [];
      switch (t) {
        case "PRIVATE":
        case "COHERENT":
          return ["page_free", "put_pgmap"];
        case "GENERIC":
          return ["reset_to_1"];
        case "FS_DAX":
          return ["wake_page"];
        case "PCI_P2PDMA":
          return ["page_free"];
      }
  }
}

/** The middle step of memunmap_pages, between the kill and the wait (§2.7). */
export type MemunmapPutRefs =
  | "none" // (a): the driver killed and drained the ref itself; (c′)/(d) PRIVATE/COHERENT
  | "put_page_each_pfn" // (a′)/(b): put_page on every pfn drops each page's base reference
  | "put_many"; // (c) and non-PRIVATE/COHERENT (c′)/(d): percpu_ref_put_many(N)

export function memunmapPutRefs(era: Era, t: PgmapType): MemunmapPutRefs {
  if (era === "dax2015") return "none";
  if (era === "devmap2017") return "put_page_each_pfn";
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
