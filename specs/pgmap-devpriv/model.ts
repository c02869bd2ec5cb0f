// pgmap-devpriv (brief §5.4, §4.11): device-private pages against memunmap_pages, eras (b)
// devmap2017, (c) hch2022 and (c′) v61. The lifetime rule in every era: teardown completes only
// once no page of the range is allocated or held. Which pgmap refs pages own differs per era.

import { Record, type RecordOf } from "immutable";
import { leadsTo, type Fairness, type Property, type SpecDef } from "../../src/index.js";
import { allocCount, allocPop, pageFree, zoneDevicePageInit } from "../../src/kernel/allocator.js";
import { freeListConsistent } from "../../invariants/allocator.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { get_page, put_page, type RefStep } from "../../src/kernel/page.js";
import { percpuRefInit, refKill, refPut } from "../../src/kernel/percpu-ref.js";
import { initialRefcount, putEffects, type Era } from "../../src/kernel/eras.js";
import { memunmapPutRefs, memunmapWaitDone, setupPgmapRefs } from "../../src/kernel/pgmap.js";
import { NoAllocAfterKill, NoGetOnZero, NoUnderflow, PageFreeOncePerAlloc, PageFreeOnlyWhenUnreferenced, PgmapNonNegative } from "../../invariants/faults.js";
import { MemunmapOnlyWhenUnused, PgmapAccounting } from "../../invariants/pgmap.js";
import { stepText, type StepTexts } from "../../src/kernel/step-text.js";

export const VARIANTS = ["devmap2017", "hch2022", "v61", "v61-late-alloc"] as const;
export type Variant = (typeof VARIANTS)[number];

type Holder = "idle" | "hold";
/** Page 1's fields are named as in the brief; a scaled config (N = 2, 3) suffixes pages 2 and 3. */
interface Fields {
  cnt: number;
  dead: boolean;
  released: boolean;
  rc: number;
  onFreeList: boolean;
  allocated: boolean; // ghost
  O: Holder;
  upc: "start" | "killed" | "putdone" | "done";
  unmapped: boolean;
  fault: FaultCode | null;
  rc2?: number;
  onFreeList2?: boolean;
  allocated2?: boolean;
  O2?: Holder;
  rc3?: number;
  onFreeList3?: boolean;
  allocated3?: boolean;
  O3?: Holder;
}
export type PgmapDevpriv = RecordOf<Fields>;

type Sfx = "" | "2" | "3";
const sfx = (i: number): Sfx => (i === 1 ? "" : (String(i) as Sfx));
/** The keys of page i's fields. */
function pageKeys(i: number) {
  const x = sfx(i);
  return { rc: `rc${x}`, list: `onFreeList${x}`, allocated: `allocated${x}`, O: `O${x}` } as const as {
    rc: `rc${Sfx}`;
    list: `onFreeList${Sfx}`;
    allocated: `allocated${Sfx}`;
    O: `O${Sfx}`;
  };
}

const ERA: { readonly [V in Variant]: Era } = { devmap2017: "b", hch2022: "c", v61: "c'", "v61-late-alloc": "c'" };
const eraOf = (v: Variant): Era => ERA[v];

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "the era (devmap2017, hch2022, v61), or v61-late-alloc (the driver allocates during teardown)" },
    N: { default: 1, values: [1, 2, 3], doc: "pages in the range" },
  } as const;
}

export function make(variant: Variant): SpecDef<PgmapDevpriv, ReturnType<typeof consts>> {
  return {
    name: `pgmap-devpriv/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, N }) => {
      const era = eraOf(VARIANT);
      const rc = initialRefcount(era, "PRIVATE");
      const f: Fields = { ...percpuRefInit(setupPgmapRefs(era, "PRIVATE", N)), rc, onFreeList: true, allocated: false, O: "idle", upc: "start", unmapped: false, fault: null };
      for (let i = 2; i <= N; i++) {
        const k = pageKeys(i);
        f[k.rc] = rc;
        f[k.list] = true;
        f[k.allocated] = false;
        f[k.O] = "idle";
      }
      const { fault, ...rest } = f; // scaled-config fields go before `fault`, which reads last
      return [Record<Fields>({ ...rest, fault })()];
    },
    actions: ({ VARIANT, N }) => protocol(VARIANT, N),
    invariants: ({ VARIANT, N }) => {
      const era = eraOf(VARIANT);
      const pages = (s: PgmapDevpriv, p: (s: PgmapDevpriv, i: number) => boolean): number => {
        let n = 0;
        for (let i = 1; i <= N; i++) if (p(s, i)) n++;
        return n;
      };
      const inUse = (s: PgmapDevpriv, i: number): boolean => s.get(pageKeys(i).O) === "hold" || s.get(pageKeys(i).allocated) === true;
      // The pgmap refs pages own: (b) one per page until its refcount reaches 0; (c) the N taken
      // at memremap; (c′) one per allocated page.
      const E =
        era === "b"
          ? (s: PgmapDevpriv) => pages(s, (s, i) => (s.get(pageKeys(i).rc) ?? 0) > 0)
          : era === "c"
            ? () => N
            : (s: PgmapDevpriv) => pages(s, (s, i) => s.get(pageKeys(i).allocated) === true);
      return {
        MemunmapOnlyWhenUnused: MemunmapOnlyWhenUnused<PgmapDevpriv>((s) => pages(s, inUse) > 0),
        PageFreeOnlyWhenUnreferenced,
        PageFreeOncePerAlloc,
        PgmapNonNegative,
        NoAllocAfterKill,
        NoGetOnZero,
        NoUnderflow,
        PgmapAccounting: PgmapAccounting<PgmapDevpriv>(E),
        // mc mutate: an allocation that left the page on the free list, a page_free that did
        // not push it back (src/kernel/allocator.ts:32, :48 mutants) went unnoticed
        FreeListConsistent: (s: PgmapDevpriv) => pages(s, (t, i) => !freeListConsistent<PgmapDevpriv>(pageKeys(i))(t)) === 0,
      };
    },
    // memunmap_pages, once called, runs to its end; the owner of a page puts it eventually.
    // Allocating and calling memunmap_pages at all are nobody's obligation.
    fairness: ({ N }): Fairness => {
      const f: { [action: string]: "weak" } = { UPutRefs: "weak", UWaitDone: "weak" };
      for (let i = 1; i <= N; i++) f[`OwnerPut${sfx(i)}`] = "weak";
      return f;
    },
    properties: ({ N }) => {
      const p: { [name: string]: Property<PgmapDevpriv> } = {
        // A started memunmap_pages finishes (or a fault halted the run).
        MemunmapCompletes: leadsTo((s) => s.upc !== "start", (s) => s.upc === "done" || s.fault !== null),
      };
      for (let i = 1; i <= N; i++) {
        const k = pageKeys(i);
        // An allocated page whose owner has put it goes back to the driver's free list.
        p[`PageFreedAfterLastPut${sfx(i)}`] = leadsTo(
          (s) => s.get(k.allocated) === true && s.get(k.O) === "idle",
          (s) => s.get(k.allocated) !== true || s.fault !== null,
        );
      }
      return p;
    },
    view: {
      mayNeverFire: ["Halt"],
      counters: (s) => ({ page0: s.rc, pgmap: s.cnt }),
      describeStep: (action) => stepText(STEP_TEXT, action),
    },
  };
}

const STEP_TEXT: StepTexts = {
  DriverAlloc: "driver allocates page# for O$",
  OwnerPut: "put_page(page#) by O$",
  UKill: "memunmap_pages: percpu_ref_kill",
  UPutRefs: "memunmap_pages: drop the pages' pgmap refs",
  UWaitDone: "memunmap_pages: wait_for_completion, teardown",
};


function applyStep<K extends `rc${Sfx}`>(s: PgmapDevpriv, k: K, step: RefStep): PgmapDevpriv {
  const t = s.set(k, step.count);
  return step.fault === null ? t : raise(t, step.fault);
}

/** put_page on page i, then the era's put path for a device-private page (§2.4). */
function put(s: PgmapDevpriv, i: number, era: Era): PgmapDevpriv {
  const k = pageKeys(i);
  const step = put_page(s.get(k.rc) ?? 0);
  let t = applyStep(s, k.rc, step);
  if (step.fault !== null) return t;
  for (const e of putEffects(era, "PRIVATE", step.count)) {
    if (e === "page_free") t = pageFree(t, k, t.get(k.O) === "hold");
    else if (e === "pgmap_put") t = refPut(t, 1);
    else if (e === "reset_to_1") t = t.set(k.rc, 1);
  }
  return t;
}

function protocol(variant: Variant, n: number) {
  const era = eraOf(variant);
  const ok = (s: PgmapDevpriv): boolean => s.fault === null;
  const actions: { [name: string]: (s: PgmapDevpriv) => PgmapDevpriv | null } = {};
  for (let i = 1; i <= n; i++) {
    const k = pageKeys(i);
    actions[`DriverAlloc${sfx(i)}`] = (s) => {
      if (!ok(s) || s.get(k.list) !== true || s.get(k.O) !== "idle") return null;
      if (variant !== "v61-late-alloc" && s.upc !== "start") return null;
      const t = allocPop(s, k).set(k.O, "hold");
      const how = allocCount(era);
      if (how === "get_page") return applyStep(t, k.rc, get_page(t.get(k.rc) ?? 0));
      return how === "none" ? t : zoneDevicePageInit(t, k.rc);
    };
    // O lets go first, then puts: the put that frees the page must not see O as a holder.
    actions[`OwnerPut${sfx(i)}`] = (s) => (ok(s) && s.get(k.O) === "hold" ? put(s.set(k.O, "idle"), i, era) : null);
  }
  actions.UKill = (s) => (ok(s) && s.upc === "start" ? refKill(s).set("upc", "killed") : null);
  actions.UPutRefs = (s) => {
    if (!ok(s) || s.upc !== "killed") return null;
    let t = s.set("upc", "putdone");
    const how = memunmapPutRefs(era, "PRIVATE");
    if (how === "put_many") t = refPut(t, n);
    else if (how === "put_page_each_pfn") for (let i = 1; i <= n; i++) t = put(t, i, era);
    return t;
  };
  actions.UWaitDone = (s) => (ok(s) && s.upc === "putdone" ? (memunmapWaitDone(s)?.set("upc", "done") ?? null) : null);
  actions.Finished = (s) => {
    if (!ok(s) || s.upc !== "done") return null;
    for (let i = 1; i <= n; i++) if (s.get(pageKeys(i).O) !== "idle") return null;
    return s;
  };
  actions.Halt = (s) => (s.fault !== null ? s : null);
  return actions;
}
