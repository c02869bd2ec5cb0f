// fsdax-idle (brief §5.2, §4.3): truncate's "wait until the page is DMA-idle" loop against
// gup-fast pinners and a mapper, one order-0 fsdax page. Felix's 2021 point: once mm counts
// fsdax pages from 0, every fs waiter's busy test, idle value and wake key must change with it.

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { ids, leadsTo, type Fairness, type SpecDef } from "../../src/index.js";
import { ACTORS_CONSTANT, Actors, symmetricWhen, type ActorActions } from "../../src/kernel/actors.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { applyRef, folio_ref_inc, get_page, get_page_unless_zero, put_page } from "../../src/kernel/page.js";
import { recheck_after_wake, wait_var_event, wake_up_var, type WaitKey } from "../../src/kernel/wait-var.js";
import { NoGetOnZero, NoUnderflow } from "../../invariants/faults.js";
import { NoStrandedWaiter, TruncateNeverWhilePinned } from "../../invariants/fsdax.js";
import { RefcountMatchesHolders } from "../../invariants/refcount.js";

export const VARIANTS = [
  "dax1based", "felixA", "felixB", "popple2024",
  "keymismatch", "dax1based-norecheck", "popple2024-norecheck", "popple2024-noinc",
] as const;
export type Variant = (typeof VARIANTS)[number];

/** One row of the variant table: how mm counts the page, and what the fs waits for. */
interface Era {
  readonly base: number;
  readonly mapRef: boolean; // a mapping holds a reference and a mapcount (era d dax_insert_pfn)
  readonly wakeAt: number;
  readonly wakeKey: WaitKey;
  readonly busy: (rc: number, mc: number) => boolean;
  readonly idle: (rc: number) => boolean;
  readonly waitKey: WaitKey;
  readonly recheck: boolean; // gup-fast re-reads the PTE before it commits the pin
  readonly faultInc: boolean; // with mapRef: dax_fault_iter's raw folio_ref_inc before the insert's get, and the put after
}
const OLD_BUSY = (rc: number): boolean => rc > 1; // dax_busy_page before era (d)
const NEW_BUSY = (rc: number, mc: number): boolean => rc - mc !== 0; // a reference no mapping explains
const DAX1BASED: Era = {
  base: 1, mapRef: false, wakeAt: 1, wakeKey: "refcount", busy: OLD_BUSY, idle: (rc) => rc === 1, waitKey: "refcount", recheck: true, faultInc: true,
};
const POPPLE2024: Era = {
  base: 0, mapRef: true, wakeAt: 0, wakeKey: "page", busy: NEW_BUSY, idle: (rc) => rc === 0, waitKey: "page", recheck: true, faultInc: true,
};
/** The brief's four rows, and issue 10's: each changes one field of dax1based or popple2024. */
export const ERAS: { readonly [V in Variant]: Era } = {
  dax1based: DAX1BASED,
  felixA: { ...POPPLE2024, wakeKey: "refcount", busy: OLD_BUSY, idle: (rc) => rc === 1, waitKey: "refcount" },
  felixB: { ...POPPLE2024, wakeKey: "refcount", idle: (rc) => rc === 1, waitKey: "refcount" },
  popple2024: POPPLE2024,
  keymismatch: { ...DAX1BASED, waitKey: "page" }, // the waker still wakes &page->_refcount
  "dax1based-norecheck": { ...DAX1BASED, recheck: false },
  "popple2024-norecheck": { ...POPPLE2024, recheck: false },
  "popple2024-noinc": { ...POPPLE2024, faultInc: false },
};

export type Gup = "idle" | "read" | "grabbed" | "pinned" | "done";
type Tpc = "start" | "busy" | "wait" | "sleep" | "woken" | "commit" | "done";
interface Fields {
  rc: number;
  mc: number;
  pte: "none" | "mapped";
  assoc: boolean;
  tpc: Tpc;
  tlock: boolean;
  tkey: WaitKey | null;
  gups: IMap<string, Gup>; // the gup-fast threads by identity: gup1..gupNG
  fault: FaultCode | null;
}
export type FsdaxIdle = RecordOf<Fields>;

/**
 * The NG gup-fast threads, their actions per thread (`GupGrab2`): the recorded counterexamples'
 * counts depend on that order of actions, and a thread loops (a failed grab or recheck sends it
 * back to idle), so fairness per thread is the safe reading. ACTORS=parameterised names one
 * action per step and declares the threads symmetric (specs/NOTES.md, "The N-actor block").
 */
export const gupsOf = (ng: number, actions: ActorActions = "per-actor"): Actors<Gup> => new Actors({ field: "gups", ids: ids("gup", ng), actions, suffix: "numbered" });

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "which mm/fs combination of §5.2's table" },
    NG: { default: 2, min: 1, doc: "gup-fast threads (gup1..gupNG, interchangeable)" },
    ACTORS: ACTORS_CONSTANT,
    REFAULT: {
      default: true,
      doc: "a process may fault the page back in while truncate sleeps (it drops the fs lock to sleep); false: no new fault once truncate has started",
    },
  } as const;
}
export type Consts = ReturnType<typeof consts>;

export function make(variant: Variant): SpecDef<FsdaxIdle, Consts> {
  return {
    name: `fsdax-idle/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, NG }) => {
      const e = ERAS[VARIANT];
      const f: Fields = {
        rc: e.base + (e.mapRef ? 1 : 0), mc: e.mapRef ? 1 : 0, pte: "mapped", assoc: true,
        tpc: "start", tlock: false, tkey: null, gups: gupsOf(NG).init("idle"), fault: null,
      };
      return [Record(f)()];
    },
    actions: ({ VARIANT, NG, REFAULT, ACTORS }) => protocol(ERAS[VARIANT], gupsOf(NG, ACTORS), REFAULT),
    invariants: ({ VARIANT, NG }) => invariants(ERAS[VARIANT], NG),
    fairness: ({ NG, ACTORS }) => fairness(gupsOf(NG, ACTORS)),
    properties: { TruncateCompletes },
    symmetry: ({ NG, ACTORS }) => symmetricWhen(ACTORS, { Gups: ids("gup", NG) }),
    view: ({ NG, ACTORS }) => ({
      mayNeverFire: ["Finished", "Halt"],
      counters: (s: FsdaxIdle) => ({ page0: s.rc }),
      describeStep: (action: string, b: FsdaxIdle, c: FsdaxIdle) => describe(gupsOf(NG, ACTORS), action, b, c),
    }),
  };
}

export function invariants(e: Era, ng: number) {
  const count = (s: FsdaxIdle, pcs: readonly Gup[]): number => gupsOf(ng).count(s, pcs);
  return {
    TruncateNeverWhilePinned: TruncateNeverWhilePinned<FsdaxIdle>((s) => count(s, ["pinned"])),
    NoStrandedWaiter: NoStrandedWaiter<FsdaxIdle>((s) => s.mc > 0 || count(s, ["grabbed", "pinned"]) > 0),
    NoGetOnZero,
    NoUnderflow,
    RefcountMatchesHolders: RefcountMatchesHolders<FsdaxIdle>({
      refcount: (s) => s.rc,
      base: () => e.base,
      holders: (s) => (e.mapRef ? s.mc : 0) + count(s, ["grabbed", "pinned"]),
    }),
  };
}

/**
 * Once truncate has started it commits, unless the run halted on a fault or a process has
 * faulted the page back in while truncate sleeps (the same statement as specs/fsdax.ts). The fs
 * drops its lock to sleep, so a process may map the page again; then truncate waits for that
 * process's munmap (or, in the 1-based era, can be starved by one that keeps faulting), which
 * no fairness can promise. What remains is the lost wakeup: a truncate asleep on a page nobody
 * maps must be woken and finish. specs/NOTES.md has the lassos without the last disjunct.
 */
const asleep = (s: FsdaxIdle): boolean => s.tpc === "sleep" || s.tpc === "woken";
export const TruncateCompletes = leadsTo(
  (s: FsdaxIdle) => s.tpc === "busy" || s.tpc === "wait" || asleep(s),
  (s: FsdaxIdle) => s.tpc === "commit" || s.tpc === "done" || s.fault !== null || (asleep(s) && s.pte === "mapped"),
);

/**
 * Weak fairness for what the kernel must carry through once started: truncate after its lock,
 * a gup thread between its PTE read and its pin or undo, and the pin's eventual unpin (a holder
 * may keep a pin for as long as it likes, but drops it in the end). Not fair: what a process
 * may simply never do again (fault the page in, munmap it, start a gup) and truncate being
 * called at all. Finished and Halt only stutter, so fairness has nothing to say about them.
 */
export function fairness(gups: Actors<Gup>): Fairness {
  return { TBusyScan: "weak", TWait: "weak", TWoken: "weak", TCommit: "weak", ...gups.fairness({ GupGrab: "weak", GupRecheck: "weak", Unpin: "weak" }) };
}

/** put_page, then the era's waker: wake_up_var at wakeAt; in a 1-based era 0 is a bug. */
function put(s: FsdaxIdle, e: Era): FsdaxIdle {
  const step = put_page(s.rc);
  const t = applyRef(s, "rc", step);
  if (step.fault !== null) return t;
  if (step.count === e.wakeAt) return wake_up_var(t, e.wakeKey);
  return e.wakeAt === 1 && step.count === 0 ? raise(t, "zero_in_1based") : t;
}

/** unmap_mapping_pages for the one PTE: in era (d) it drops the mapping's mapcount and reference. */
function unmapPte(s: FsdaxIdle, e: Era): FsdaxIdle {
  if (s.pte !== "mapped") return s;
  const t = s.set("pte", "none");
  return e.mapRef ? put(t.set("mc", t.mc - 1), e) : t;
}

type Act = (s: FsdaxIdle) => FsdaxIdle | readonly FsdaxIdle[] | null;

function protocol(e: Era, gups: Actors<Gup>, refault: boolean): { [name: string]: Act } {
  const a: { [name: string]: Act } = {
    // dax_fault_iter: folio_ref_inc, the insert's folio_get + rmap, folio_put: net +1 per mapping.
    MapFault: (s) => {
      if (s.fault !== null || s.pte !== "none" || !s.assoc || s.tlock || (!refault && s.tpc !== "start")) return null;
      const t = s.set("pte", "mapped");
      if (!e.mapRef) return t;
      if (!e.faultInc) return applyRef(t, "rc", get_page(t.rc)).set("mc", t.mc + 1); // the insert's folio_get alone
      const got = applyRef(t, "rc", get_page(folio_ref_inc(t.rc)));
      return put(got.set("mc", got.mc + 1), e);
    },
    Zap: (s) => (s.fault === null && s.pte === "mapped" ? unmapPte(s, e) : null),
  };
  const at = (s: FsdaxIdle, g: string, pc: Gup): boolean => s.fault === null && gups.of(s, g) === pc;
  Object.assign(a, gups.actions<FsdaxIdle>({
    GupRead: (s, g) => (at(s, g, "idle") && s.pte === "mapped" ? gups.with(s, g, "read") : null),
    GupGrab: (s, g) => {
      if (!at(s, g, "read")) return null;
      const c = get_page_unless_zero(s.rc); // try_grab_folio_fast
      if (c === null) return gups.with(s, g, "idle");
      return gups.with(s.set("rc", c), g, e.recheck ? "grabbed" : "pinned"); // without the recheck the grab is the pin
    },
    GupRecheck: (s, g) => {
      if (!at(s, g, "grabbed")) return null;
      return s.pte === "mapped" ? gups.with(s, g, "pinned") : put(gups.with(s, g, "idle"), e);
    },
    Unpin: (s, g) => (at(s, g, "pinned") ? put(gups.with(s, g, "done"), e) : null),
  }));
  Object.assign(a, {
    TLock: (s: FsdaxIdle) => (s.fault === null && s.tpc === "start" ? s.set("tlock", true).set("tpc", "busy") : null),
    // dax_layout_busy_page: unmap, then the era's busy test.
    TBusyScan: (s: FsdaxIdle) => {
      if (s.fault !== null || s.tpc !== "busy") return null;
      const t = unmapPte(s, e);
      return t.set("tpc", e.busy(t.rc, t.mc) ? "wait" : "commit");
    },
    // ___wait_var_event: test and sleep in one step; the callback drops the fs lock to sleep.
    TWait: (s: FsdaxIdle) => {
      if (s.fault !== null || s.tpc !== "wait") return null;
      const t = wait_var_event(s, e.waitKey, e.idle(s.rc), "busy");
      return t.tpc === "sleep" ? t.set("tlock", false) : t;
    },
    TWoken: (s: FsdaxIdle) => {
      if (s.fault !== null || s.tpc !== "woken") return null;
      const t = recheck_after_wake(s, e.idle(s.rc), "busy");
      return t.set("tlock", t.tpc === "busy");
    },
    TCommit: (s: FsdaxIdle) =>
      s.fault === null && s.tpc === "commit" ? s.set("assoc", false).set("tlock", false).set("tpc", "done") : null,
    Finished: (s: FsdaxIdle) => {
      if (s.fault !== null || s.tpc !== "done" || s.pte !== "none") return null;
      return gups.every(s, ["idle", "done"]) ? s : null;
    },
    Halt: (s: FsdaxIdle) => (s.fault !== null ? s : null),
  });
  return a;
}

function describe(gups: Actors<Gup>, action: string, b: FsdaxIdle, c: FsdaxIdle): string {
  const m = gups.step(action, b, c, ["GupRead", "GupGrab", "GupRecheck", "Unpin"]);
  const rc = b.rc === c.rc ? "" : ` (page0 ${b.rc} → ${c.rc})`;
  if (m) {
    const who = `gup${m.actor}`;
    const g = gups.of(c, gups.ids[m.actor - 1]!);
    if (m.base === "GupRead") return `gup-fast reads the PTE by ${who}`;
    if (m.base === "GupGrab") {
      if (g === "idle") return `folio_try_get(page0) fails by ${who}`;
      return `folio_try_get(page0) by ${who}${g === "pinned" ? ": pin committed without a recheck" : ""}${rc}`;
    }
    if (m.base === "GupRecheck") return g === "pinned" ? `PTE unchanged: pin committed by ${who}` : `PTE changed: put_page(page0) by ${who}${rc}`;
    return `unpin_user_page(page0) by ${who}${rc}`;
  }
  const text: { readonly [k: string]: string } = {
    MapFault: "dax fault maps page0",
    Zap: "zap the PTE of page0",
    TLock: "truncate takes the fs mapping lock",
    TBusyScan: `dax_layout_busy_page: unmap, page0 ${c.tpc === "wait" ? "busy" : "idle"}`,
    TWait: c.tpc === "sleep" ? `wait_var_event sleeps on ${c.tkey === "page" ? "page0" : "&page0->_refcount"}` : "wait_var_event: page0 idle, rescan",
    TWoken: c.tpc === "sleep" ? "woken, page0 still busy: sleeps again" : "woken, page0 idle: rescan",
    TCommit: "truncate disassociates page0 and frees the blocks",
    Finished: "all threads finished",
    Halt: `halted on fault ${String(c.fault)}`,
  };
  return (text[action] ?? action) + (action === "TWait" || action === "TWoken" ? "" : rc);
}
