// Invariants over device-private migration's expected-refcount checks (brief §3, §2.11).

import type { Faultable } from "../src/kernel/fault.js";

type MigrateView = { readonly migrated: boolean; readonly X: string };

/** folio_migrate_mapping never commits while an unexplained reference (the stray holder X) exists. */
export const NoMigrateWhilePinned = (s: MigrateView): boolean => !(s.migrated && s.X === "hold");

/** The same rule when several stray holders exist: `strayHeld` says whether any holds. */
export function noMigrateWhilePinnedBy<S extends { readonly migrated: boolean }>(strayHeld: (s: S) => boolean): (s: S) => boolean {
  return (s) => !(s.migrated && strayHeld(s));
}

/** The expected count is exact: with no stray holder, migrate_vma_check_page and the move pass (ghost `spurious`). */
export const MigrateProgress = (s: { readonly spurious: boolean }): boolean => !s.spurious;

/**
 * Once migration is done and no stray holder is left, the old device page is back on the
 * driver's free list at the convention's free count (0, or 1 for the 1-based era).
 */
export function oldPageFreedAfterMigration<S extends Faultable & { readonly mg: string; readonly allocated: boolean; readonly onFreeList: boolean; readonly rc: number }>(
  strayHeld: (s: S) => boolean,
  freeCount: number,
): (s: S) => boolean {
  return (s) => s.fault !== null || s.mg !== "done" || strayHeld(s) || (!s.allocated && s.onFreeList && s.rc === freeCount);
}
