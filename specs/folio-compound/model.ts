// folio-compound (brief §5.6, §4.7–4.8): one order-1 fsdax folio (head page 0, tail page 1)
// mapped by a PUD or by PTEs, pinned by gup, split by dax_folio_reset_order and rebuilt by
// dax_folio_init. Checks the pgmap/compound_head storage sharing and PUD references of seed 002.

import { Record, type RecordOf } from "immutable";
import type { SpecDef } from "../../src/index.js";
import type { FaultCode } from "../../src/kernel/fault.js";
import {
  dax_folio_init, dax_folio_reset_order, fail, folioGet, folioOf, folioPut, folioRefInc, logicalHead, page_pgmap, rmapPte, rmapPud,
  type TailWord,
} from "../../src/kernel/folio.js";
import { NoFreeWhileHeld, NoGetOnZero, NoUnderflow, PgmapResolvable } from "../../invariants/faults.js";
import { BusyTestSound, CompoundHeadConsistency, MapcountConsistency, TailRefcountZero } from "../../invariants/folio.js";
import { RefcountsMatchHolders } from "../../invariants/refcount.js";

/**
 * The brief's three, and two of issue 10: tail-own-refcount (gup and unpin use the subpage's own
 * counter, a raw page_ref_inc/dec with no compound_head) and reset-order-noclear
 * (dax_folio_reset_order leaves the tail's compound_head word in place).
 */
export const VARIANTS = ["popple2024", "legacy-pud-0based", "pgmap-on-page", "tail-own-refcount", "reset-order-noclear"] as const;
export type Variant = (typeof VARIANTS)[number];

type Pin = "idle" | "h0" | "h1"; // G holds a pin taken through page 0 or page 1
interface Fields {
  order: number;
  w1: TailWord;
  rc0: number;
  rc1: number;
  mc0: number;
  mc1: number;
  ent: number;
  lg: number;
  pud: boolean;
  pudRef: boolean; // the PUD mapping holds a reference and an entire mapcount
  pte0: boolean;
  pte1: boolean;
  G: Pin;
  fault: FaultCode | null;
}
export type FolioCompound = RecordOf<Fields>;

const INIT = Record<Fields>({
  order: 1, w1: "tail", rc0: 0, rc1: 0, mc0: 0, mc1: 0, ent: 0, lg: 0,
  pud: false, pudRef: false, pte0: false, pte1: false, G: "idle", fault: null,
});
const PTE = ["pte0", "pte1"] as const;
const PIN: readonly Pin[] = ["h0", "h1"];
const pinnedPage = (s: FolioCompound): number | null => (s.G === "idle" ? null : s.G === "h0" ? 0 : 1);

function consts(variant: Variant) {
  return { VARIANT: { default: variant, values: VARIANTS, doc: "how PUDs are inserted and where pgmap is read (§5.6)" } } as const;
}

export function make(variant: Variant): SpecDef<FolioCompound, ReturnType<typeof consts>> {
  return {
    name: `folio-compound/${variant}`,
    constants: consts(variant),
    init: () => [INIT()],
    actions: ({ VARIANT }) => protocol(VARIANT),
    invariants: ({ VARIANT }) => ({
      TailRefcountZero: TailRefcountZero(2),
      CompoundHeadConsistency: CompoundHeadConsistency(1),
      MapcountConsistency: MapcountConsistency<FolioCompound>(2, (s) => (s.pudRef ? 1 : 0)),
      RefcountMatchesHolders: RefcountsMatchHolders<FolioCompound>(holderPairs),
      BusyTestSound: VARIANT === "legacy-pud-0based" ? () => true : BusyTestSound<FolioCompound>((s) => (s.G === "idle" ? 0 : 1)),
      NoGetOnZero,
      PgmapResolvable,
      NoFreeWhileHeld,
      NoUnderflow,
      // mc mutate: MapPud/MapPte guard mutants mapped the folio by a PUD and a PTE at once, or an
      // order-0 folio by a PUD, and nothing noticed. The kernel maps a folio one way at a time.
      MappingShape: (s: FolioCompound) => s.fault !== null || !s.pud || (s.order === 1 && !s.pte0 && !s.pte1),
    }),
    view: {
      mayNeverFire: ["Halt"],
      counters: (s) => ({ page0: s.rc0, page1: s.rc1 }),
      describeStep: describe,
    },
  };
}

/** For each current head h: rc_h against the PUD's, the PTEs' and G's references on h. */
function holderPairs(s: FolioCompound): (readonly [number, number])[] {
  const heads = s.order === 1 ? [0] : [0, 1];
  const pin = pinnedPage(s);
  return heads.map((h) => {
    let want = s.pudRef && h === 0 ? 1 : 0;
    for (let i = 0; i < 2; i++) if (s[PTE[i]!] && logicalHead(s, i) === h) want++;
    if (pin !== null && logicalHead(s, pin) === h) want++;
    return [h === 0 ? s.rc0 : s.rc1, want] as const;
  });
}

/** folio_put on head f; freeing it while G still pins a page of it is the bug. */
function put(s: FolioCompound, f: number): FolioCompound {
  const r = folioPut(s, f);
  const pin = pinnedPage(r.s);
  return r.count === 0 && r.s.fault === null && pin !== null && logicalHead(r.s, pin) === f ? fail(r.s, "free_while_held") : r.s;
}

/** dax_fault_iter's insert: raw folio_ref_inc, the insert's folio_get, then folio_put. */
const insert = (s: FolioCompound, f: number, rmap: (t: FolioCompound) => FolioCompound): FolioCompound =>
  put(rmap(folioGet(folioRefInc(s, f), f)), f);

type Act = (s: FolioCompound) => FolioCompound | null;

function protocol(v: Variant): { [name: string]: Act } {
  const a: { [name: string]: Act } = {
    // dax_insert_pfn_pud (era d) takes a reference and a PUD-level rmap; legacy vmf_insert_pfn_pud neither.
    MapPud: (s) => {
      if (s.fault !== null || s.order !== 1 || s.pud || s.pte0 || s.pte1) return null;
      const t = s.set("pud", true);
      return v === "legacy-pud-0based" ? t : insert(t, 0, (u) => rmapPud(u, 1)).set("pudRef", true);
    },
    ZapPud: (s) => {
      if (s.fault !== null || !s.pud) return null;
      const t = s.set("pud", false);
      return t.pudRef ? put(rmapPud(t.set("pudRef", false), -1), 0) : t;
    },
  };
  for (let i = 0; i < 2; i++) {
    a[`MapPte${i}`] = (s) =>
      s.fault === null && !s.pud && !s[PTE[i]!] ? insert(s, folioOf(s, i), (u) => rmapPte(u, i, 1)).set(PTE[i]!, true) : null;
  }
  for (let i = 0; i < 2; i++) {
    a[`ZapPte${i}`] = (s) => (s.fault === null && s[PTE[i]!] ? put(rmapPte(s.set(PTE[i]!, false), i, -1), folioOf(s, i)) : null);
  }
  for (let i = 0; i < 2; i++) {
    // gup of any subpage: check the pgmap type, then take the reference on the folio.
    a[`Gup${i}`] = (s) => {
      if (s.fault !== null || s.G !== "idle" || !((s.pud && s.order === 1) || s[PTE[i]!])) return null;
      const t = page_pgmap(s, i, v === "pgmap-on-page");
      if (v === "tail-own-refcount") return folioRefInc(t, i).set("G", PIN[i]!); // page_ref_inc(page i), no head, no check
      return folioGet(t, folioOf(t, i)).set("G", PIN[i]!);
    };
  }
  Object.assign(a, {
    Unpin: (s: FolioCompound) => {
      const pin = pinnedPage(s);
      if (s.fault !== null || pin === null) return null;
      return put(s.set("G", "idle"), v === "tail-own-refcount" ? pin : folioOf(s, pin)); // there: page_ref_dec(page i)
    },
    DaxFolioResetOrder: (s: FolioCompound) => {
      if (s.fault !== null || s.order !== 1 || s.rc0 !== 0 || s.pud || s.pte0 || s.pte1 || s.G !== "idle") return null;
      const t = dax_folio_reset_order(s).s;
      return v === "reset-order-noclear" ? t.set("w1", "tail") : t; // the tail's word is not set back to the pgmap
    },
    DaxFolioInit: (s: FolioCompound) =>
      s.fault === null && s.order === 0 && s.rc0 === 0 && s.rc1 === 0 && !s.pte0 && !s.pte1 && s.G === "idle" ? dax_folio_init(s, 1) : null,
    Halt: (s: FolioCompound) => (s.fault !== null ? s : null),
  });
  return a;
}

function describe(action: string, b: FolioCompound, c: FolioCompound): string {
  const rc = (b.rc0 === c.rc0 ? "" : ` (page0 ${b.rc0} → ${c.rc0})`) + (b.rc1 === c.rc1 ? "" : ` (page1 ${b.rc1} → ${c.rc1})`);
  const m = /^(MapPte|ZapPte|Gup)(\d)$/.exec(action);
  if (m) {
    const page = `page${m[2]}`;
    if (m[1] === "MapPte") return `dax_insert_pfn maps ${page} by a PTE${rc}`;
    if (m[1] === "ZapPte") return `zap the PTE of ${page}${rc}`;
    return `gup pins ${page} (reference on page${folioOf(b, Number(m[2]))})${rc}`;
  }
  const text: { readonly [k: string]: string } = {
    MapPud: b.order === 1 && c.pudRef ? "dax_insert_pfn_pud maps the folio" : "vmf_insert_pfn_pud maps the folio (no reference)",
    ZapPud: "zap the PUD",
    Unpin: "unpin_user_page",
    DaxFolioResetOrder: "dax_folio_reset_order splits the folio",
    DaxFolioInit: "dax_folio_init makes pages 0–1 one folio",
    Halt: `halted on fault ${String(c.fault)}`,
  };
  return (text[action] ?? action) + rc;
}
