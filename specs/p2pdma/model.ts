// p2pdma (brief §5.7, §4.5–4.6): one PCI_P2PDMA page handed to userspace by p2pmem_alloc_mmap,
// unmapped back into the genpool, seen by a speculative walker and by gup. Seed 002 patches 01
// and 02: where the refcount is set (memremap vs allocation) and where gup refuses P2PDMA pages.

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { ids, type SpecDef } from "../../src/index.js";
import { Actors } from "../../src/kernel/actors.js";
import { actorView } from "../../src/kernel/actor-view.js";
import { GUP_THREADS } from "../../src/kernel/actor-count.js";
import { GENPOOL, allocPop, pageFree } from "../../src/kernel/allocator.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page, get_page_unless_zero } from "../../src/kernel/page.js";
import { initialRefcount, type Era } from "../../src/kernel/eras.js";
import { putDevicePage } from "../../src/kernel/device-put.js";
import { freeListConsistent, noSpeculativeRefOnFreePage } from "../../invariants/allocator.js";
import { AllocOnlyUnreferenced, AllocStartsAtZero, NoGetOnZero, NoUnderflow, PageFreeOncePerAlloc, PageFreeOnlyWhenUnreferenced } from "../../invariants/faults.js";
import { noP2PWithoutFlagAny } from "../../invariants/p2pdma.js";
import { RefcountMatchesHolders } from "../../invariants/refcount.js";
import { stepText, type StepTexts } from "../../src/kernel/step-text.js";

export const VARIANTS = ["v62", "popple2024", "half-init0", "half-noreset", "popple2024-nogupcheck"] as const;
export type Variant = (typeof VARIANTS)[number];

interface Shape {
  readonly initRc: number; // __init_zone_device_page
  readonly allocSets1: boolean; // p2pmem_alloc_mmap sets the count to 1 (warning if it was not 0)
  readonly putEra: Era; // the put path at 0: page_free, then in (c′) a reset to 1; (d) frees only
  readonly gupCheck: boolean; // gup's PTE path refuses P2PDMA pages without FOLL_PCI_P2PDMA
  // RefcountMatchesHolders' base, where the identity holds: (d) 0 always; (c′) the reset's 1
  // while the page sits in the pool. The half-applied hybrids have none (half-init0 maps a page
  // at 0, half-noreset's pool page is at 1 before the first free and 0 after): not declared.
  readonly base: ((s: P2p) => number) | null;
}
const T = "P2PDMA";
/** The two real eras read off the pgmap tables; the half-applied patches are hybrids of them. */
const SHAPES: { readonly [V in Variant]: Shape } = {
  v62: { initRc: initialRefcount("c'", T), allocSets1: false, putEra: "c'", gupCheck: true, base: (s) => (s.inPool ? 1 : 0) },
  popple2024: { initRc: initialRefcount("d", T), allocSets1: true, putEra: "d", gupCheck: true, base: () => 0 },
  "half-init0": { initRc: 0, allocSets1: false, putEra: "d", gupCheck: true, base: null },
  "half-noreset": { initRc: 1, allocSets1: false, putEra: "d", gupCheck: true, base: null },
  "popple2024-nogupcheck": { initRc: 0, allocSets1: true, putEra: "d", gupCheck: false, base: () => 0 },
};

type Gup = "idle" | "refused" | "hold";
interface Fields {
  rc: number;
  inPool: boolean;
  allocated: boolean; // ghost
  pte: "none" | "mapped";
  S: "idle" | "hold";
  G: IMap<string, Gup>; // the gup threads by identity: gup1..gupNG
  fault: FaultCode | null;
}
export type P2p = RecordOf<Fields>;
/** The NG gup threads (specs/NOTES.md, "The N-actor block", on how their actions are named). */
const gupsOf = (ng: number): Actors<Gup> => new Actors({ field: "G", ids: ids("gup", ng), actions: ACTIONS, suffix: "first-plain" });
const ACTIONS = "parameterised";

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "v62 (c′), popple2024 (d), two half-applied versions of seed 002 patch 02, and (d) without gup's PTE-path check" },
    NG: GUP_THREADS,
  } as const;
}

export function make(variant: Variant): SpecDef<P2p, ReturnType<typeof consts>> {
  return {
    name: `p2pdma/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, NG }) => {
      return [Record<Fields>({ rc: SHAPES[VARIANT].initRc, inPool: true, allocated: false, pte: "none", S: "idle", G: gupsOf(NG).init("idle"), fault: null })()];
    },
    actions: ({ VARIANT, NG }) => protocol(SHAPES[VARIANT], NG),
    invariants: ({ VARIANT, NG }) => ({
      NoSpeculativeRefOnFreePage: noSpeculativeRefOnFreePage<P2p>((s) => s.S === "hold", (s) => s.inPool),
      AllocOnlyUnreferenced,
      PageFreeOncePerAlloc,
      NoGetOnZero,
      AllocStartsAtZero,
      NoP2PWithoutFlag: noP2PWithoutFlagAny<P2p>((s) => gupsOf(NG).some(s, ["hold"])),
      NoUnderflow,
      // mc mutate: page_free's free_while_referenced fault and a page_free that did not mark the
      // page unallocated (src/kernel/allocator.ts:43-48 mutants) went unnoticed
      PageFreeOnlyWhenUnreferenced,
      FreeListConsistent: freeListConsistent<P2p>(GENPOOL),
      // mc mutate: a put left out, a count too high, or page_free turned into a reset to 1 left
      // the page out of the genpool with no holder. With FreeListConsistent this makes "nobody
      // holds it ⇒ count at the base ⇒ back in the pool" a checked fact.
      ...refcountIdentity(SHAPES[VARIANT].base, NG),
    }),
    symmetry: ({ NG }) => ({ Gups: ids("gup", NG) }),
    view: ({ NG }) => actorView(gupsOf(NG), STEP_TEXT, (s: P2p) => ({ page0: s.rc })),
  };
}

/** rc = base + the PTE + the walker's hold + the gup threads' holds, where the variant has a base. */
function refcountIdentity(base: Shape["base"], ng: number): { RefcountMatchesHolders?: (s: P2p) => boolean } {
  if (base === null) return {};
  const holders = (s: P2p): number => (s.pte === "mapped" ? 1 : 0) + (s.S === "hold" ? 1 : 0) + gupsOf(ng).count(s, (g) => g === "hold");
  return { RefcountMatchesHolders: RefcountMatchesHolders<P2p>({ refcount: (s) => s.rc, base, holders }) };
}

const STEP_TEXT: StepTexts = {
  AllocMmap: "p2pmem_alloc_mmap: genpool alloc, vm_insert_page(page0), put_page",
  Munmap: "munmap: zap the PTE, put_page(page0)",
  SpecTryGet: "get_page_unless_zero(page0) by a pfn walker",
  SpecPut: "put_page(page0) by a pfn walker",
  GupFast: "gup-fast on the PTE by G$",
  GupPut: "put_page(page0) by G$",
};

/** put_page; at 0 the free path runs p2pdma_page_free (back to the genpool), in v6.2 then a reset to 1. */
function put(s: P2p, shape: Shape): P2p {
  return putDevicePage(s, "rc", shape.putEra, T, { page_free: (t) => pageFree(t, GENPOOL) });
}

function protocol(shape: Shape, ng: number) {
  const ok = (s: P2p): boolean => s.fault === null;
  const actions: { [name: string]: (s: P2p) => P2p | readonly P2p[] | null } = {
    AllocMmap: (s) => {
      if (!ok(s) || !s.inPool || s.pte !== "none") return null;
      let t = allocPop(s, GENPOOL);
      if (t.S === "hold") t = raise(t, "alloc_referenced");
      if (shape.allocSets1) t = (t.rc !== 0 ? raise(t, "alloc_nonzero") : t).set("rc", 1);
      t = applyRef(t, "rc", get_page(t.rc)).set("pte", "mapped"); // vm_insert_page's folio_get
      return put(t, shape); // the mapping now owns the single reference
    },
    Munmap: (s) => (ok(s) && s.pte === "mapped" ? put(s.set("pte", "none"), shape) : null),
    SpecTryGet: (s) => {
      if (!ok(s) || s.S !== "idle") return null;
      const c = get_page_unless_zero(s.rc);
      return c === null ? null : s.set("rc", c).set("S", "hold");
    },
    SpecPut: (s) => (ok(s) && s.S === "hold" ? put(s.set("S", "idle"), shape) : null),
  };
  const gups = gupsOf(ng);
  Object.assign(actions, gups.actions<P2p>({
    GupFast: (s, g) => {
      if (!ok(s) || gups.of(s, g) !== "idle" || s.pte !== "mapped") return null;
      if (shape.gupCheck) return gups.with(s, g, "refused");
      const c = get_page_unless_zero(s.rc); // gup-fast's speculative grab
      return c === null ? null : gups.with(s.set("rc", c), g, "hold");
    },
    GupPut: (s, g) => (ok(s) && gups.of(s, g) === "hold" ? put(gups.with(s, g, "idle"), shape) : null),
  }));
  actions.Halt = (s) => (s.fault !== null ? s : null);
  return actions;
}
