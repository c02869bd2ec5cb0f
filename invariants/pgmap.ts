// Invariants over the pgmap's percpu_ref and its teardown (brief §3). The ones whose meaning
// depends on the spec (who holds what, what pages own) are factories over that spec's terms.

import type { Faultable } from "../src/kernel/fault.js";

interface PgmapView extends Faultable {
  readonly cnt: number;
  readonly dead: boolean;
  readonly unmapped: boolean;
}

/** Seed 004: the pgmap ref must be dead before devm_memunmap_pages removes the range. */
export const NoUnmapWhileLive = (s: { readonly unmapped: boolean; readonly dead: boolean }): boolean => !(s.unmapped && !s.dead);

/** memunmap_pages completes only after every page ref and pgmap ref into the range is dropped. */
export function MemunmapOnlyWhenUnused<S extends { readonly unmapped: boolean }>(holding: (s: S) => boolean): (s: S) => boolean {
  return memunmapReturnedOnlyWhenUnused<S>((s) => s.unmapped, holding);
}

/**
 * The same rule keyed on the caller's own view of "memunmap_pages has returned" (a pc, say),
 * not on the ghost the waiting step sets: a mutant that skips the wait skips the ghost too.
 */
export function memunmapReturnedOnlyWhenUnused<S>(returned: (s: S) => boolean, holding: (s: S) => boolean): (s: S) => boolean {
  return (s) => !(returned(s) && holding(s));
}

/** get_dev_pagemap fails once the device is being disabled (ghost `gotAfterKill`). */
export const NoNewPgmapRefAfterKill = (s: { readonly gotAfterKill: boolean }): boolean => !s.gotAfterKill;

/**
 * While live, the pgmap count is the initial ref plus exactly the refs the era says pages and
 * threads own: E(s), which includes the transient refs gup threads hold.
 */
export function PgmapAccounting<S extends PgmapView>(E: (s: S) => number): (s: S) => boolean {
  return (s) => s.fault !== null || s.dead || s.cnt === 1 + E(s);
}
