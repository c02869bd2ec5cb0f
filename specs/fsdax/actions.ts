// The actions of the headline fsdax spec (specs/fsdax.ts), today's kernel (era d): dax faults
// through dax_insert_pfn / dax_insert_pfn_pud, zap, gup-fast pinning, and the fs break-layouts
// loop (dax_layout_busy_page, wait on the head page, commit + dax_folio_reset_order).

import {
  dax_folio_init, dax_folio_reset_order, fail, folioGet, folioMapcount, folioOf, folioPut, folioRefInc, logicalHead, page_pgmap,
  RC, rmapPte, rmapPud,
} from "../../src/kernel/folio.js";
import { get_page_unless_zero } from "../../src/kernel/page.js";
import { recheck_after_wake, wait_var_event, wake_up_var } from "../../src/kernel/wait-var.js";
import { gpage, gpc, gup, holds, mapsAny, pte, pud, put, rc, setGup, setPte, setPud, type Config, type Fsdax } from "./state.js";

type Act = (s: Fsdax) => Fsdax | readonly Fsdax[] | null;
type Step = (s: Fsdax, id: string) => Fsdax | readonly Fsdax[] | null;

/** Anyone the accounting says still holds head h: a mapping or a gup thread's reference. */
function heldBy(s: Fsdax, c: Config, h: number): boolean {
  for (const p of c.procs.ids) {
    if (h === 0 && pud(s, c, p)) return true;
    for (let i = 0; i < c.pages; i++) if (pte(s, c, p, i) && logicalHead(s, i) === h) return true;
  }
  for (const g of c.gups.ids) if (holds(gpc(s, c, g)) && logicalHead(s, gpage(s, c, g)) === h) return true;
  return false;
}

/**
 * folio_put on head h. At 0, free_zone_device_folio's FS_DAX case wakes &folio->page; truncate
 * only ever waits on the head of the file's folio, page 0, so other heads wake nobody.
 */
function put0(s: Fsdax, c: Config, h: number): Fsdax {
  const r = folioPut(s, h);
  if (r.count !== 0 || r.s.fault !== null) return r.s;
  const t = heldBy(r.s, c, h) ? fail(r.s, "free_while_held") : r.s;
  return h === 0 && !c.opslessV8 ? wake_up_var(t, "page") : t;
}

/** dax_fault_iter: folio_ref_inc, the insert's folio_get + rmap, folio_put. Net +1 per new mapping. */
function insert(s: Fsdax, c: Config, h: number, rmap: (t: Fsdax) => Fsdax): Fsdax {
  return put0(rmap(folioGet(folioRefInc(s, h), h)), c, h);
}

/** zap_huge_pud: folio_remove_rmap_pud, then the folio put. */
const zapPud = (s: Fsdax, c: Config, p: string): Fsdax => put0(rmapPud(setPud(s, c, p, false), -1), c, 0);
/** zap_pte_range for page i: folio_remove_rmap_pte, then the folio put. */
const zapPte = (s: Fsdax, c: Config, p: string, i: number): Fsdax =>
  put0(rmapPte(setPte(s, c, p, i, false), i, -1), c, folioOf(s, i));

/** unmap_mapping_pages over the whole file in process p. */
function zap(s: Fsdax, c: Config, p: string): Fsdax {
  let t = pud(s, c, p) ? zapPud(s, c, p) : s;
  for (let i = 0; i < c.pages; i++) if (pte(t, c, p, i)) t = zapPte(t, c, p, i);
  return t;
}

const canFault = (s: Fsdax): boolean => s.fault === null && s.assoc && !s.tlock;

export function protocol(c: Config): { [name: string]: Act } {
  const proc: { [base: string]: Step } = {
    MapPud: (s, p) =>
      canFault(s) && s.order > 0 && !mapsAny(s, c, p) ? setPud(insert(s, c, 0, (t) => rmapPud(t, 1)), c, p, true) : null,
    // One successor per page this process does not map yet; a write to a mapped page is the
    // mkwrite upgrade, which takes no reference and changes no count, so it is not a step here.
    MapPte: (s, p) => {
      if (!canFault(s) || pud(s, c, p)) return null;
      const out: Fsdax[] = [];
      for (let i = 0; i < c.pages; i++) {
        if (!pte(s, c, p, i)) out.push(setPte(insert(s, c, folioOf(s, i), (t) => rmapPte(t, i, 1)), c, p, i, true));
      }
      return out;
    },
    // munmap / MADV_DONTNEED of one entry: one successor per PUD or PTE process p has.
    Zap: (s, p) => {
      if (s.fault !== null) return null;
      if (pud(s, c, p)) return zapPud(s, c, p);
      const out: Fsdax[] = [];
      for (let i = 0; i < c.pages; i++) if (pte(s, c, p, i)) out.push(zapPte(s, c, p, i));
      return out;
    },
  };
  const thread: { [base: string]: Step } = {
    // gup_fast_pte_range / gup_fast_pud_leaf: read an entry of the thread's process, lockless.
    GupRead: (s, g) => {
      if (s.fault !== null || gpc(s, c, g) !== "idle") return null;
      const p = c.procOf.get(g)!;
      const whole = pud(s, c, p);
      const out: Fsdax[] = [];
      for (let i = 0; i < c.pages; i++) {
        if (whole || pte(s, c, p, i)) out.push(setGup(s, c, g, "read", whole ? "pud" : "pte", i));
      }
      return out;
    },
    // try_grab_folio_fast: a speculative folio_try_get on the head the page's word names.
    GupGrab: (s, g) => {
      const w = gup(s, c, g);
      if (s.fault !== null || w.pc !== "read") return null;
      const h = folioOf(s, w.page);
      const n = get_page_unless_zero(rc(s, h));
      if (n === null) return setGup(s, c, g, "idle");
      return setGup(put(page_pgmap(s, w.page, false), RC[h]!, n), c, g, "grabbed", w.entry!, w.page);
    },
    // Re-read the entry: unchanged commits the pin, changed undoes the grab (slow path later).
    GupRecheck: (s, g) => {
      const w = gup(s, c, g);
      if (s.fault !== null || w.pc !== "grabbed") return null;
      const p = c.procOf.get(g)!;
      const same = w.entry === "pud" ? pud(s, c, p) : pte(s, c, p, w.page);
      if (same) return setGup(s, c, g, "pinned", w.entry!, w.page);
      return put0(setGup(s, c, g, "idle"), c, folioOf(s, w.page));
    },
    Unpin: (s, g) => {
      const w = gup(s, c, g);
      if (s.fault !== null || w.pc !== "pinned") return null;
      return put0(setGup(s, c, g, "done"), c, folioOf(s, w.page));
    },
  };
  return { ...c.procs.actions(proc), ...c.gups.actions(thread), ...truncate(c) };
}

/** The fs side: xfs_break_dax_layouts → dax_break_layout, then truncate's commit. */
function truncate(c: Config): { [name: string]: Act } {
  const idle = (s: Fsdax): boolean => rc(s, 0) === 0; // dax_page_is_idle on the busy page (the head)
  return {
    TLock: (s) => (s.fault === null && s.tpc === "start" ? s.set("tlock", true).set("tpc", "busy") : null),
    // dax_layout_busy_page: unmap_mapping_pages in every process, then dax_busy_page's test.
    TBusyScan: (s) => {
      if (s.fault !== null || s.tpc !== "busy") return null;
      let t = s;
      for (const p of c.procs.ids) t = zap(t, c, p);
      return t.set("tpc", rc(t, 0) - folioMapcount(t, 0) !== 0 ? "wait" : "commit");
    },
    TWait: (s) => {
      if (s.fault !== null || s.tpc !== "wait") return null;
      const t = wait_var_event(s, "page", idle(s), "busy");
      return t.tpc === "sleep" ? t.set("tlock", false) : t;
    },
    TWoken: (s) => {
      if (s.fault !== null || s.tpc !== "woken") return null;
      const t = recheck_after_wake(s, idle(s), "busy");
      return t.set("tlock", t.tpc === "busy");
    },
    // dax_delete_mapping_entry → dax_disassociate_entry → dax_folio_put: share 0, split the folio.
    TCommit: (s) => {
      if (s.fault !== null || s.tpc !== "commit") return null;
      const r = dax_folio_reset_order(s);
      const t = r.s.set("assoc", false).set("tlock", false).set("tpc", "done");
      return r.dirty ? t.set("resetDirty", true) : t;
    },
    // The blocks go back to the file (a new write): dax_associate_entry → dax_folio_init, and
    // the next truncate starts. Gup threads that read an entry of the old life may still grab.
    TReuse: (s) => {
      if (s.fault !== null || s.tpc !== "done" || !c.reuse) return null;
      let dirty = false;
      for (let i = 0; i < c.pages; i++) if (rc(s, i) !== 0) dirty = true;
      const t = dax_folio_init(s, c.order).set("assoc", true).set("tpc", "start");
      return dirty ? t.set("resetDirty", true) : t;
    },
    Finished: (s) => {
      if (s.fault !== null || s.tpc !== "done" || c.reuse) return null;
      if (c.procs.ids.some((p) => mapsAny(s, c, p))) return null;
      return c.gups.every(s, (w) => w === "idle" || w === "done") ? s : null;
    },
    Halt: (s) => (s.fault !== null ? s : null),
  };
}
