// devpriv-free (brief §5.1, §4.1–4.2): a device-private page's driver allocator against
// speculative pfn walkers (get_page_unless_zero), across the three ways free pages were counted.
// Hugh's 2017 question: with 1 meaning "free", a speculative getter cannot tell free from used.

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { ids, leadsTo, type Fairness, type Property, type SpecDef } from "../../src/index.js";
import { Actors } from "../../src/kernel/actors.js";
import { actorView } from "../../src/kernel/actor-view.js";
import { actorCount } from "../../src/kernel/actor-count.js";
import { DRIVER_LIST, allocCount, allocPop } from "../../src/kernel/allocator.js";
import { putPrivatePage } from "../../src/kernel/device-put.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page, get_page_unless_zero } from "../../src/kernel/page.js";
import type { Era } from "../../src/kernel/eras.js";
import { freeListConsistent, noSpeculativeRefOnFreePage } from "../../invariants/allocator.js";
import { AllocOnlyUnreferenced, NoGetOnZero, NoUnderflow, PageFreeOncePerAlloc, PageFreeOnlyWhenUnreferenced } from "../../invariants/faults.js";
import { RefcountMatchesHolders } from "../../invariants/refcount.js";
import type { StepTexts } from "../../src/kernel/step-text.js";

export const VARIANTS = ["hmm2017", "hch2022", "v61"] as const;
export type Variant = (typeof VARIANTS)[number];
const ERA: { readonly [V in Variant]: Era } = { hmm2017: "b", hch2022: "c", v61: "c'" };

type Holder = "idle" | "hold";
interface Fields {
  rc: number;
  onFreeList: boolean;
  allocated: boolean; // ghost
  D: Holder;
  S: IMap<string, Holder>; // the speculative walkers by identity: S1..SNS
  fault: FaultCode | null;
}
export type DevprivFree = RecordOf<Fields>;

/**
 * The NS walkers; one parameterised action per step (`SpecPut`: some walker puts). Weak fairness
 * of SpecPut is then not each walker's, yet PageFreedAfterLastPut's verdict cannot differ
 * (specs/NOTES.md, "The N-actor block").
 */
const walkersOf = (ns: number): Actors<Holder> => new Actors({ field: "S", ids: ids("S", ns), actions: "parameterised", suffix: "first-plain" });

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "how free pages are counted: hmm2017 (free = 1), hch2022 (reset to 1), v61 (free = 0)" },
    NS: actorCount("speculative pfn walkers", "S1..SNS"),
  } as const;
}

export function make(variant: Variant): SpecDef<DevprivFree, ReturnType<typeof consts>> {
  return {
    name: `devpriv-free/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, NS }) => {
      return [Record<Fields>({ rc: VARIANT === "v61" ? 0 : 1, onFreeList: true, allocated: false, D: "idle", S: walkersOf(NS).init("idle"), fault: null })()];
    },
    actions: ({ VARIANT, NS }) => protocol(VARIANT, NS),
    invariants: ({ VARIANT, NS }) => {
      const walkers = (s: DevprivFree): number => walkersOf(NS).count(s, ["hold"]);
      return {
        NoSpeculativeRefOnFreePage: noSpeculativeRefOnFreePage<DevprivFree>((s) => walkers(s) > 0, (s) => s.onFreeList),
        AllocOnlyUnreferenced,
        PageFreeOncePerAlloc,
        NoGetOnZero,
        NoUnderflow,
        RefcountMatchesHolders: RefcountMatchesHolders<DevprivFree>({
          refcount: (s) => s.rc,
          base: (s) => (VARIANT === "hmm2017" ? 1 : VARIANT === "hch2022" ? (s.onFreeList ? 1 : 0) : 0),
          holders: (s) => (s.D === "hold" ? 1 : 0) + walkers(s),
        }),
        // mc mutate: page_free's free_while_referenced fault was raised by no checked invariant
        PageFreeOnlyWhenUnreferenced,
        FreeListConsistent: freeListConsistent<DevprivFree>(DRIVER_LIST),
      };
    },
    // The holders (the owner D, the walkers) drop their references eventually; allocating a page
    // and a walker's speculative get are things nobody has to do.
    fairness: ({ NS }): Fairness => {
      return { OwnerPut: "weak", ...walkersOf(NS).fairness({ SpecPut: "weak" }) };
    },
    properties: ({ NS }) => {
      const noHolder = (s: DevprivFree): boolean => !walkersOf(NS).some(s, ["hold"]) && s.D !== "hold";
      const p: { [name: string]: Property<DevprivFree> } = {
        // The at-least-once half of "one page_free per allocation" (PageFreeOncePerAlloc is the
        // other): an allocated page nobody holds any more goes back to the free list.
        PageFreedAfterLastPut: leadsTo((s) => s.allocated && noHolder(s), (s) => !s.allocated || s.fault !== null),
      };
      return p;
    },
    symmetry: ({ NS }) => ({ Walkers: ids("S", NS) }),
    view: ({ NS }) => actorView(walkersOf(NS), STEP_TEXT, (s: DevprivFree) => ({ page0: s.rc })),
  };
}

const STEP_TEXT: StepTexts = {
  DriverAlloc: "driver allocates page0 for D",
  OwnerPut: "put_page(page0) by D",
  SpecTryGet: "get_page_unless_zero(page0) by pfn walker S$",
  SpecPut: "put_page(page0) by pfn walker S$",
};


function protocol(variant: Variant, ns: number) {
  const era = ERA[variant];
  const walkers = walkersOf(ns);
  const anyWalkerHolds = (s: DevprivFree): boolean => walkers.some(s, ["hold"]);
  const actions: { [name: string]: (s: DevprivFree) => DevprivFree | readonly DevprivFree[] | null } = {
    DriverAlloc: (s) => {
      if (s.fault !== null || s.D !== "idle" || !s.onFreeList) return null;
      let t = anyWalkerHolds(s) ? raise(s, "alloc_referenced") : s;
      t = allocPop(t, DRIVER_LIST).set("D", "hold");
      const how = allocCount(era);
      if (how === "get_page") return applyRef(t, "rc", get_page(t.rc));
      return how === "none" ? t : t.set("rc", 1); // zone_device_page_init; the pgmap is not modelled here
    },
    OwnerPut: (s) => (s.fault === null && s.D === "hold" ? putPrivatePage(s.set("D", "idle"), era) : null),
  };
  Object.assign(actions, walkers.actions<DevprivFree>({
    SpecTryGet: (s, w) => {
      if (s.fault !== null || walkers.of(s, w) !== "idle") return null;
      const c = get_page_unless_zero(s.rc);
      return c === null ? null : walkers.with(s.set("rc", c), w, "hold");
    },
    SpecPut: (s, w) => (s.fault === null && walkers.of(s, w) === "hold" ? putPrivatePage(walkers.with(s, w, "idle"), era) : null),
  }));
  actions.Halt = (s) => (s.fault !== null ? s : null);
  return actions;
}
