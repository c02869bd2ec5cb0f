// The driver's device-page allocator (brief §1.4, §2.6): a free list (lib/test_hmm.c's LIFO,
// nouveau's, or p2pdma's genpool) modelled as one flag per page plus the ghost `allocated`, and
// what allocation does to the refcount in each era.

import { raise, type FaultCode } from "./fault.js";
import { set_page_count } from "./page.js";
import { refTrygetLive, type PercpuRefHost } from "./percpu-ref.js";
import type { Era } from "./eras.js";

/**
 * Where one page's allocator flags live in a spec's state: the free-list flag (`onFreeList` for
 * driver lists, `inPool` for p2pdma's genpool) and the ghost `allocated`. Specs with several
 * pages suffix them per page (`onFreeList2`), hence keys rather than fixed field names.
 */
export interface FreeListKeys<L extends string, A extends string> {
  readonly list: L;
  readonly allocated: A;
}
export const DRIVER_LIST = { list: "onFreeList", allocated: "allocated" } as const;
export const GENPOOL = { list: "inPool", allocated: "allocated" } as const;

/** A state holding a page's allocator flags under keys L and A (an Immutable Record does). */
export interface AllocatorHost<S, L extends string, A extends string> {
  readonly fault: FaultCode | null;
  get(k: L | A): boolean | undefined;
  set(k: L | A, v: boolean): S;
  set(k: "fault", v: FaultCode | null): S;
}

/** Pop the page off the free list and give it an owner (the count is the era's business). */
export function allocPop<L extends string, A extends string, S extends AllocatorHost<S, L, A>>(s: S, keys: FreeListKeys<L, A>): S {
  return s.set(keys.list, false).set(keys.allocated, true);
}

/**
 * ops->page_free (dmirror_devmem_free, p2pdma_page_free): push the page back. A page that is
 * not allocated goes on the LIFO list twice (double_free); one its owner still holds is freed
 * under it (free_while_referenced). Both finish the push, as the kernel would.
 */
export function pageFree<L extends string, A extends string, S extends AllocatorHost<S, L, A>>(
  s: S,
  keys: FreeListKeys<L, A>,
  ownerHolds = false,
): S {
  let t = s;
  if (s.get(keys.allocated) !== true) t = raise(t, "double_free");
  if (ownerHolds) t = raise(t, "free_while_referenced");
  return t.set(keys.allocated, false).set(keys.list, true);
}

/** What handing out a page does to its refcount, per era (§2.6). */
export type AllocCount =
  | "get_page" // (b) 2017–v5.18: free pages sit at 1, alloc takes 1 → 2
  | "none" // (c) hch 2022: freed pages were reset to 1, handed out as they are
  | "zone_device_page_init"; // (c′)/(d): tryget_live the pgmap, then set_page_count(1)

export function allocCount(era: Era): AllocCount {
  if (era === "a" || era === "a'" || era === "b") return "get_page";
  return era === "c" ? "none" : "zone_device_page_init";
}

/** A state with a pgmap percpu_ref and a page refcount under key R. */
export interface DevicePageHost<S, R extends string> extends PercpuRefHost<S> {
  get(k: R): number | undefined;
  set(k: R | "cnt", v: number): S;
  set(k: "dead" | "released", v: boolean): S;
  set(k: "fault", v: FaultCode | null): S;
}

/**
 * zone_device_page_init: one pgmap ref per allocated page, taken with tryget_live. After
 * memunmap_pages killed the pgmap it WARNs and carries on without the ref (alloc_after_kill).
 */
export function zoneDevicePageInit<R extends string, S extends DevicePageHost<S, R>>(s: S, rc: R): S {
  const got = refTrygetLive(s);
  const t = got ?? raise(s, "alloc_after_kill");
  return t.set(rc, set_page_count(t.get(rc) ?? 0, 1));
}
