// A folio of order k at pages 0..2^k−1 (brief §1.2, §2.12), over a spec Record that follows a
// field convention: `order`, `ent` (entire_mapcount), `lg` (large_mapcount), and per page i
// `rc<i>`, `mc<i>` and, for i ≥ 1, `w<i>` (the compound_head word, 'tail' or 'pgmap').

import type { FaultCode } from "./fault.js";
import { folio_ref_inc, get_page, put_page } from "./page.js";

export type TailWord = "tail" | "pgmap";

/** The fields every folio Record has; the per-page ones are reached through their names. */
export interface FolioRecord {
  readonly order: number;
  readonly ent: number;
  readonly lg: number;
  readonly fault: FaultCode | null;
}

// Field names are built once: these helpers sit on every successor's path.
const names = (p: string) => Array.from({ length: 64 }, (_, i) => `${p}${i}`);
export const RC: readonly string[] = names("rc");
export const MC: readonly string[] = names("mc");
export const W: readonly string[] = names("w");

type Rw = { get(k: string): unknown; set(k: string, v: unknown): unknown };
export const field = (s: FolioRecord, k: string): number => (s as unknown as Rw).get(k) as number;
export const word = (s: FolioRecord, i: number): TailWord => (i === 0 ? "pgmap" : ((s as unknown as Rw).get(W[i]!) as TailWord));
export const put = <S extends FolioRecord>(s: S, k: string, v: unknown): S => (s as unknown as Rw).set(k, v) as S;
/** The fault convention of fault.ts over a folio Record: the first fault wins. */
export const fail = <S extends FolioRecord>(s: S, code: FaultCode): S => (s.fault === null ? put(s, "fault", code) : s);

/** page_folio / compound_head as the kernel computes it: from the page's own word. */
export function folioOf(s: FolioRecord, i: number): number {
  return word(s, i) === "tail" ? 0 : i;
}

/** The truth the kernel's word should agree with: the head of page i's folio. */
export function logicalHead(s: FolioRecord, i: number): number {
  return s.order > 0 ? 0 : i;
}

export const isLarge = (s: FolioRecord): boolean => s.order > 0;

/**
 * page_pgmap: from era (d) read through the head (always valid). Before the move the page's
 * own word was read, which on a tail is head|1: fault `bogus_pgmap`.
 */
export function page_pgmap<S extends FolioRecord>(s: S, i: number, pgmapOnPage: boolean): S {
  return pgmapOnPage && word(s, i) === "tail" ? fail(s, "bogus_pgmap") : s;
}

/** folio_get on head h: VM_BUG_ON on 0, still +1. */
export function folioGet<S extends FolioRecord>(s: S, h: number): S {
  const r = get_page(field(s, RC[h]!));
  const t = put(s, RC[h]!, r.count);
  return r.fault === null ? t : fail(t, r.fault);
}

/** folio_ref_inc on head h: raw +1, no zero check. */
export function folioRefInc<S extends FolioRecord>(s: S, h: number): S {
  return put(s, RC[h]!, folio_ref_inc(field(s, RC[h]!)));
}

/** folio_put's refcount part on head h; returns the state and the new count to branch on. */
export function folioPut<S extends FolioRecord>(s: S, h: number): { readonly s: S; readonly count: number } {
  const r = put_page(field(s, RC[h]!));
  const t = put(s, RC[h]!, r.count);
  return { s: r.fault === null ? t : fail(t, r.fault), count: r.count };
}

/** folio_add_file_rmap_pte / folio_remove_rmap_pte for page i: its _mapcount, plus large_mapcount. */
export function rmapPte<S extends FolioRecord>(s: S, i: number, d: 1 | -1): S {
  const t = put(s, MC[i]!, field(s, MC[i]!) + d);
  return isLarge(s) ? put(t, "lg", s.lg + d) : t;
}

/** folio_add_file_rmap_pud / folio_remove_rmap_pud: entire_mapcount and large_mapcount. */
export function rmapPud<S extends FolioRecord>(s: S, d: 1 | -1): S {
  return put(put(s, "ent", s.ent + d), "lg", s.lg + d);
}

/** folio_mapcount: large_mapcount for a large folio, the page's own _mapcount otherwise. */
export function folioMapcount(s: FolioRecord, h: number): number {
  return isLarge(s) ? s.lg : field(s, MC[h]!);
}

/** dax_folio_init (prep_compound_page): pages 0..2^k−1 become one folio; callers check rc == 0. */
export function dax_folio_init<S extends FolioRecord>(s: S, order: number): S {
  let t = put(put(put(s, "order", order), "ent", 0), "lg", 0);
  for (let i = 1; i < 1 << order; i++) t = put(t, W[i]!, "tail");
  return t;
}

/**
 * dax_folio_reset_order: back to order-0 pages, each word the pgmap again. `dirty` reports the
 * debug check of fs/dax.c: some subpage still had a refcount.
 */
export function dax_folio_reset_order<S extends FolioRecord>(s: S): { readonly s: S; readonly dirty: boolean } {
  const n = 1 << s.order;
  let dirty = false;
  let t = put(put(put(s, "order", 0), "ent", 0), "lg", 0);
  for (let i = 0; i < n; i++) {
    if (field(s, RC[i]!) !== 0) dirty = true;
    if (i > 0) t = put(t, W[i]!, "pgmap");
  }
  return { s: t, dirty };
}
