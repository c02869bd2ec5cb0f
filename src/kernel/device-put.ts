// put_page on a ZONE_DEVICE page as one call (brief §2.4): the count drops, then each effect the
// era's table (eras.ts) lists for the new count runs. Where a page_free or a pgmap put lands is
// the spec's (which free list, whether a pgmap is modelled), so the spec hands in those effects.

import { DRIVER_LIST, pageFree, type AllocatorHost } from "./allocator.js";
import { putEffects, type Era, type PgmapType, type PutEffect } from "./eras.js";
import { raise } from "./fault.js";
import { applyRef, put_page, type CountRecord } from "./page.js";

/**
 * What a spec does on each effect of the put path. reset_to_1 is not here: set_page_count(1)
 * concerns only the count, so every spec gets it; an effect a spec leaves out is not modelled.
 */
export type PutHandlers<S> = { readonly [E in Exclude<PutEffect, "reset_to_1">]?: (s: S) => S };

/**
 * put_page on count field k of s, then the era's effects at the new count, in the table's order.
 * A put that underflows faults and runs no effect (the model halts there).
 */
export function putDevicePage<K extends string, S extends CountRecord<K>>(s: S, k: K, era: Era, type: PgmapType, on: PutHandlers<S>): S {
  const step = put_page(s[k]);
  let t = applyRef(s, k, step);
  if (step.fault !== null) return t;
  for (const e of putEffects(era, type, step.count)) {
    if (e === "reset_to_1") t = applyRef(t, k, { count: 1, fault: null });
    else t = on[e]?.(t) ?? t;
  }
  return t;
}

/** A device-private page's state without a pgmap: its count `rc` and the driver list's flags. */
export type PrivatePageHost<S> = CountRecord<"rc"> & AllocatorHost<S, typeof DRIVER_LIST.list, typeof DRIVER_LIST.allocated>;

/**
 * put_page on a device-private page whose spec models the driver's free list but no pgmap:
 * page_free pushes it back (DRIVER_LIST). In the 1-based era (b) only memunmap's per-pfn put may
 * reach 0, so a 0 here means an ordinary put dropped the free page's base reference; from v6.1
 * the put_dev_pagemap after page_free concerns a pgmap spec, not this one.
 */
export function putPrivatePage<S extends PrivatePageHost<S>>(s: S, era: Era): S {
  return putDevicePage(s, "rc", era, "PRIVATE", {
    page_free: (t) => pageFree(t, DRIVER_LIST),
    pgmap_put: (t) => (era === "b" ? raise(t, "zero_in_1based") : t),
  });
}
