// pgmap-devpriv (brief §5.4, §4.11): device-private pages against memunmap_pages, eras (b)
// devmap2017, (c) hch2022 and (c′) v61. The lifetime rule in every era: teardown completes only
// once no page of the range is allocated or held. Which pgmap refs pages own differs per era.

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { leadsTo, type Fairness, type Property, type SpecDef } from "../../src/index.js";
import { ACTORS_CONSTANT, Actors, symmetricWhen, type ActorActions } from "../../src/kernel/actors.js";
import { actorView } from "../../src/kernel/actor-view.js";
import { actorCount } from "../../src/kernel/actor-count.js";
import { DRIVER_LIST, allocCount, allocPop, pageFree, zoneDevicePageInit } from "../../src/kernel/allocator.js";
import type { FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page } from "../../src/kernel/page.js";
import { putDevicePage } from "../../src/kernel/device-put.js";
import { percpuRefInit, refKill, refPut } from "../../src/kernel/percpu-ref.js";
import { initialRefcount, type Era } from "../../src/kernel/eras.js";
import { memunmapPutRefs, memunmapWaitDone, setupPgmapRefs } from "../../src/kernel/pgmap.js";
import { NoAllocAfterKill, NoGetOnZero, NoUnderflow, PageFreeOncePerAlloc, PageFreeOnlyWhenUnreferenced, PgmapNonNegative } from "../../invariants/faults.js";
import { PgmapAccounting, memunmapReturnedOnlyWhenUnused } from "../../invariants/pgmap.js";
import type { StepTexts } from "../../src/kernel/step-text.js";

export const VARIANTS = ["devmap2017", "hch2022", "v61", "v61-late-alloc"] as const;
export type Variant = (typeof VARIANTS)[number];

type Holder = "idle" | "hold";
/** One device page of the range and its owner O: the fields the brief names for page 1. */
interface PageFields {
  rc: number;
  onFreeList: boolean;
  allocated: boolean; // ghost
  O: Holder;
}
type Page = RecordOf<PageFields>;
const Page = Record<PageFields>({ rc: 0, onFreeList: true, allocated: false, O: "idle" });
interface Fields {
  cnt: number;
  dead: boolean;
  released: boolean;
  pages: IMap<string, Page>; // by identity: page0..page(N−1)
  upc: "start" | "killed" | "putdone" | "done";
  unmapped: boolean;
  fault: FaultCode | null;
}
export type PgmapDevpriv = RecordOf<Fields>;
/** A page's fields and the state's together, for the allocator's helpers (Actors.focus). */
type PageView = RecordOf<Fields & PageFields>;

/**
 * The N pages of the range (page0..page(N−1)), their actions per page (`DriverAlloc2`, page 1
 * keeping the brief's names): weak fairness of OwnerPut must be each page's, since pages are
 * allocated again and again. ACTORS=parameterised names one action per step and declares the
 * pages symmetric (specs/NOTES.md, "The N-actor block").
 */
const pagesOf = (n: number, actions: ActorActions = "per-actor"): Actors<Page> =>
  new Actors({ field: "pages", ids: Array.from({ length: n }, (_, i) => `page${i}`), actions, suffix: "first-plain" });

const ERA: { readonly [V in Variant]: Era } = { devmap2017: "b", hch2022: "c", v61: "c'", "v61-late-alloc": "c'" };
const eraOf = (v: Variant): Era => ERA[v];

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "the era (devmap2017, hch2022, v61), or v61-late-alloc (the driver allocates during teardown)" },
    ACTORS: ACTORS_CONSTANT,
    N: actorCount("pages in the range", "page0..page(N−1)"),
  } as const;
}

export function make(variant: Variant): SpecDef<PgmapDevpriv, ReturnType<typeof consts>> {
  return {
    name: `pgmap-devpriv/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, N }) => {
      const era = eraOf(VARIANT);
      const rc = initialRefcount(era, "PRIVATE");
      const pages = pagesOf(N).init(Page({ rc }));
      return [Record<Fields>({ ...percpuRefInit(setupPgmapRefs(era, "PRIVATE", N)), pages, upc: "start", unmapped: false, fault: null })()];
    },
    actions: ({ VARIANT, N, ACTORS }) => protocol(VARIANT, pagesOf(N, ACTORS)),
    invariants: ({ VARIANT, N }) => {
      const era = eraOf(VARIANT);
      const pages = (s: PgmapDevpriv, p: (page: Page) => boolean): number => pagesOf(N).count(s, p);
      const inUse = (p: Page): boolean => p.O === "hold" || p.allocated;
      // The pgmap refs pages own: (b) one per page until its refcount reaches 0; (c) the N taken
      // at memremap; (c′) one per allocated page.
      const E =
        era === "b"
          ? (s: PgmapDevpriv) => pages(s, (p) => p.rc > 0)
          : era === "c"
            ? () => N
            : (s: PgmapDevpriv) => pages(s, (p) => p.allocated);
      return {
        // Keyed on upc (memunmap_pages has returned), not on `unmapped`: that ghost is set by the
        // wait itself, so a UWaitDone without its wait (mc mutate, model.ts:178) disarmed the check.
        MemunmapOnlyWhenUnused: memunmapReturnedOnlyWhenUnused<PgmapDevpriv>((s) => s.upc === "done", (s) => pages(s, inUse) > 0),
        PageFreeOnlyWhenUnreferenced,
        PageFreeOncePerAlloc,
        PgmapNonNegative,
        NoAllocAfterKill,
        NoGetOnZero,
        NoUnderflow,
        PgmapAccounting: PgmapAccounting<PgmapDevpriv>(E),
        // mc mutate: an allocation that left the page on the free list, a page_free that did
        // not push it back (src/kernel/allocator.ts:32, :48 mutants) went unnoticed
        // (freeListConsistent's rule, on each page Record of the Map: on the free list iff not allocated)
        FreeListConsistent: (s: PgmapDevpriv) => s.fault !== null || pages(s, (p) => p.onFreeList === p.allocated) === 0,
        // c′ only (v61, v61-late-alloc): a page on the free list has count 0, the 0 written here
        // and not read from initialRefcount, which the eras.ts:22 mutants change too. mc mutate: a
        // put that did not write the count, and pages starting at 1, went unnoticed because
        // zone_device_page_init sets 1 whatever it finds. (b) and (c) keep free pages at 1.
        ...(era === "c'" ? { FreePageAtZero: (s: PgmapDevpriv) => s.fault !== null || pages(s, (p) => p.onFreeList && p.rc !== 0) === 0 } : {}),
      };
    },
    // memunmap_pages, once called, runs to its end; the owner of a page puts it eventually.
    // Allocating and calling memunmap_pages at all are nobody's obligation.
    fairness: ({ N, ACTORS }): Fairness => {
      return { UPutRefs: "weak", UWaitDone: "weak", ...pagesOf(N, ACTORS).fairness({ OwnerPut: "weak" }) };
    },
    properties: ({ N, ACTORS }) => {
      const p: { [name: string]: Property<PgmapDevpriv> } = {
        // A started memunmap_pages finishes (or a fault halted the run).
        MemunmapCompletes: leadsTo((s) => s.upc !== "start", (s) => s.upc === "done" || s.fault !== null),
      };
      const pages = pagesOf(N, ACTORS);
      pages.ids.forEach((id, i) => {
        // An allocated page whose owner has put it goes back to the driver's free list. One
        // property per page (named like page i's actions): each names its page, so none of
        // them is symmetric in Pages on its own.
        p[pages.actionName("PageFreedAfterLastPut", i + 1)] = leadsTo(
          (s) => pages.of(s, id).allocated && pages.of(s, id).O === "idle",
          (s) => !pages.of(s, id).allocated || s.fault !== null,
        );
      });
      return p;
    },
    // Pages are interchangeable for the invariants, MemunmapCompletes and every action; the
    // PageFreedAfterLastPut<i> properties each name one page.
    symmetry: ({ N, ACTORS }) => symmetricWhen(ACTORS, { Pages: pagesOf(N).ids }),
    view: ({ N, ACTORS }) => actorView(pagesOf(N, ACTORS), STEP_TEXT, (s: PgmapDevpriv) => ({ page0: pagesOf(N).of(s, "page0").rc, pgmap: s.cnt })),
  };
}

const STEP_TEXT: StepTexts = {
  DriverAlloc: "driver allocates page# for O$",
  OwnerPut: "put_page(page#) by O$",
  UKill: "memunmap_pages: percpu_ref_kill",
  UPutRefs: "memunmap_pages: drop the pages' pgmap refs",
  UWaitDone: "memunmap_pages: wait_for_completion, teardown",
};


/** put_page on the focused page, then the era's put path for a device-private page (§2.4). */
function put(v: PageView, era: Era): PageView {
  return putDevicePage(v, "rc", era, "PRIVATE", { page_free: (t) => pageFree(t, DRIVER_LIST, t.O === "hold"), pgmap_put: (t) => refPut(t, 1) });
}

function protocol(variant: Variant, pages: Actors<Page>) {
  const era = eraOf(variant);
  const ok = (s: PgmapDevpriv): boolean => s.fault === null;
  const n = pages.ids.length;
  /** Runs f on page `id` seen together with the state (the allocator's helpers take one Record). */
  const onPage = (s: PgmapDevpriv, id: string, f: (v: PageView) => PageView): PgmapDevpriv => pages.unfocus(f(pages.focus(s, id)));
  const actions: { [name: string]: (s: PgmapDevpriv) => PgmapDevpriv | readonly PgmapDevpriv[] | null } = pages.actions<PgmapDevpriv>({
    DriverAlloc: (s, id) => {
      const p = pages.of(s, id);
      if (!ok(s) || !p.onFreeList || p.O !== "idle") return null;
      if (variant !== "v61-late-alloc" && s.upc !== "start") return null;
      return onPage(s, id, (v) => {
        const t = allocPop(v, DRIVER_LIST).set("O", "hold");
        const how = allocCount(era);
        if (how === "get_page") return applyRef(t, "rc", get_page(t.rc));
        return how === "none" ? t : zoneDevicePageInit(t, "rc");
      });
    },
    // O lets go first, then puts: the put that frees the page must not see O as a holder.
    OwnerPut: (s, id) => (ok(s) && pages.of(s, id).O === "hold" ? onPage(s, id, (v) => put(v.set("O", "idle"), era)) : null),
  });
  actions.UKill = (s) => (ok(s) && s.upc === "start" ? refKill(s).set("upc", "killed") : null);
  actions.UPutRefs = (s) => {
    if (!ok(s) || s.upc !== "killed") return null;
    let t = s.set("upc", "putdone");
    const how = memunmapPutRefs(era, "PRIVATE");
    if (how === "put_many") t = refPut(t, n);
    else if (how === "put_page_each_pfn") for (const id of pages.ids) t = onPage(t, id, (v) => put(v, era));
    return t;
  };
  actions.UWaitDone = (s) => (ok(s) && s.upc === "putdone" ? (memunmapWaitDone(s)?.set("upc", "done") ?? null) : null);
  actions.Finished = (s) => (ok(s) && s.upc === "done" && pages.every(s, (p) => p.O === "idle") ? s : null);
  actions.Halt = (s) => (s.fault !== null ? s : null);
  return actions;
}
