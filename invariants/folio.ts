// Compound zone-device folio invariants (brief §1.2, §2.12, §3) over the folio Record
// convention of src/kernel/folio.ts. Parameterised by the folio's span and its holders.

import { field, isLarge, MC, RC, word, type FolioRecord } from "../src/kernel/folio.js";

/** Tail pages never carry their own refcount: get/put on a tail act on the head. */
export function TailRefcountZero(pages: number): (s: FolioRecord) => boolean {
  return (s) => {
    if (!isLarge(s)) return true;
    for (let i = 1; i < pages; i++) if (field(s, RC[i]!) !== 0) return false;
    return true;
  };
}

/** A tail's compound_head word is head+1; a non-tail's word (same storage) is the pgmap. */
export function CompoundHeadConsistency(order: number): (s: FolioRecord) => boolean {
  const pages = 1 << order;
  return (s) => {
    if (s.order !== order && s.order !== 0) return false;
    const want = s.order === order ? "tail" : "pgmap";
    for (let i = 1; i < pages; i++) if (word(s, i) !== want) return false;
    return true;
  };
}

/** large_mapcount = entire_mapcount + Σ per-page _mapcount, and each PUD/PMD mapping is one entire mapping. */
export function MapcountConsistency<S extends FolioRecord>(pages: number, entireMappings: (s: S) => number): (s: S) => boolean {
  return (s) => {
    if (!isLarge(s)) return true;
    let sum = s.ent;
    for (let i = 0; i < pages; i++) sum += field(s, MC[i]!);
    return s.lg === sum && s.ent === entireMappings(s);
  };
}

/** Era (d)'s busy test (refcount − mapcount) sees exactly the references no mapping explains: the pins. */
export function BusyTestSound<S extends FolioRecord>(pins: (s: S) => number): (s: S) => boolean {
  return (s) => s.fault !== null || !isLarge(s) || field(s, RC[0]!) - s.lg === pins(s);
}

/** dax_folio_reset_order's debug check: a folio is split only when no subpage holds a reference. */
export const ResetOrderOnlyWhenIdle = (s: { readonly resetDirty: boolean }): boolean => !s.resetDirty;
