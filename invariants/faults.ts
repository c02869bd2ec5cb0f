// Invariants that read the `fault` field (brief §3): each names one kernel assertion that must
// never fire. Specs list the ones they check, in the order the brief gives.

import type { Faultable } from "../src/kernel/fault.js";

/** get_page/folio_get/try_grab_page never see refcount 0 (the VM_BUG_ON of the 2021 thread). */
export const NoGetOnZero = (s: Faultable): boolean => s.fault !== "get_on_zero";

/** No put below 0, and in 1-based eras no ordinary put reaches 0. */
export const NoUnderflow = (s: Faultable): boolean =>
  s.fault !== "underflow" &&
  s.fault !== "zero_in_1based" &&
  s.fault !== "zone_device_refcount_zero" &&
  s.fault !== "zone_device_page_freed";

/** page_free runs at most once per allocation, and never for a page that is not allocated. */
export const PageFreeOncePerAlloc = (s: Faultable): boolean => s.fault !== "double_free";

/** The allocator never hands out a page that is still referenced. */
export const AllocOnlyUnreferenced = (s: Faultable): boolean => s.fault !== "alloc_referenced";

/** p2pmem_alloc_mmap finds the count at 0 before setting it to 1 (Dan's warning). */
export const AllocStartsAtZero = (s: Faultable): boolean => s.fault !== "alloc_nonzero";

/** page_free only runs for a page nobody uses. */
export const PageFreeOnlyWhenUnreferenced = (s: Faultable): boolean => s.fault !== "free_while_referenced";

/** No percpu_ref_get on a drained, released pgmap. */
export const NoRefAfterRelease = (s: Faultable): boolean => s.fault !== "ref_after_release";

/** The pgmap percpu_ref never goes below 0. */
export const PgmapNonNegative = (s: Faultable): boolean => s.fault !== "percpu_underflow";

/** Drivers never allocate after memunmap_pages killed the pgmap (zone_device_page_init WARN). */
export const NoAllocAfterKill = (s: Faultable): boolean => s.fault !== "alloc_after_kill";

/** pgmap is never read from a tail page's own word. */
export const PgmapResolvable = (s: Faultable): boolean => s.fault !== "bogus_pgmap";

/** A folio is never freed while someone holds one of its pages. */
export const NoFreeWhileHeld = (s: Faultable): boolean => s.fault !== "free_while_held";

/** Every page whose holders have all put their references is freed: no reference leaks. */
export const NoLeak = (s: Faultable): boolean => s.fault !== "leak";
