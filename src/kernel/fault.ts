// The `fault` convention of the domain brief (§0.2): a kernel assertion (VM_BUG_ON, WARN, list
// corruption) does not stop the model; the action finishes its update and records a fault code,
// and the first fault wins. Every kernel spec's state has a `fault: FaultCode | null` field.

/** Every fault code a kernel spec may record, each named after the kernel check it stands for. */
export type FaultCode =
  | "get_on_zero" // get_page/folio_get/try_grab_page on refcount 0: VM_BUG_ON / WARN
  | "underflow" // a put below 0
  | "zero_in_1based" // an ordinary put reached 0 in a 1-based era
  | "zone_device_refcount_zero" // v5.x device-dax page reached 0
  | "zone_device_page_freed" // 2015 dax page reached 0 (__put_page on a device page)
  | "double_free" // page_free on a page that is not allocated: the free list gets it twice
  | "alloc_referenced" // the allocator handed out a page a speculative holder still references
  | "alloc_nonzero" // p2pmem_alloc_mmap found a nonzero count (the warning Dan asked for)
  | "free_while_referenced" // page_free while the owner still holds the page
  | "ref_after_release" // percpu_ref_get on a released pgmap: use after free
  | "percpu_underflow" // percpu_ref put below 0
  | "alloc_after_kill" // zone_device_page_init's tryget_live failed: WARN
  | "bogus_pgmap" // pgmap read from a tail page's own word (head|1)
  | "free_while_held" // a folio reached 0 while someone still holds one of its pages
  | "leak"; // every holder has put its references, yet the count is above 0: the page is never freed

/** Any state that follows the convention. */
export interface Faultable {
  readonly fault: FaultCode | null;
}

/** Records `code` unless a fault is already set: the first fault wins. */
export function raise<S extends Faultable & { set(k: "fault", v: FaultCode | null): S }>(s: S, code: FaultCode): S {
  return s.fault === null ? s.set("fault", code) : s;
}

/** Every action's guard includes this. */
export function healthy(s: Faultable): boolean {
  return s.fault === null;
}
