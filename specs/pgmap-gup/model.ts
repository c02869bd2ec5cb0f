// pgmap-gup (brief §5.3, §4.10): the pgmap percpu_ref under gup and teardown, eras (a) 2015
// dax-gup and (a′)/(b) per-page setup refs. gup takes get_dev_pagemap, then a page reference,
// then drops the pgmap ref; teardown must kill the ref and drain it before the range goes.
// LOOKUP chooses which percpu_ref get the lookup uses (issue 10: tryget_live, tryget, get).

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { ids, leadsTo, type Fairness, type SpecDef } from "../../src/index.js";
import { ACTORS_CONSTANT, Actors, symmetricWhen, type ActorActions } from "../../src/kernel/actors.js";
import { actorView } from "../../src/kernel/actor-view.js";
import { GUP_THREADS } from "../../src/kernel/actor-count.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page, get_page_unless_zero } from "../../src/kernel/page.js";
import { putDevicePage } from "../../src/kernel/device-put.js";
import { completionDone, getDevPagemap, LOOKUPS, percpuRefInit, refGet, refKill, refPut, type Lookup } from "../../src/kernel/percpu-ref.js";
import type { Era } from "../../src/kernel/eras.js";
import { getPageTakesPgmapRef, setupPgmapRefs } from "../../src/kernel/pgmap.js";
import { NoGetOnZero, NoRefAfterRelease, NoUnderflow, PgmapNonNegative } from "../../invariants/faults.js";
import { MemunmapOnlyWhenUnused, NoNewPgmapRefAfterKill, NoUnmapWhileLive, PgmapAccounting } from "../../invariants/pgmap.js";
import { type StepTexts } from "../../src/kernel/step-text.js";

export const VARIANTS = ["dax2015", "dax2015-nokill", "devmap2017", "devmap2017-getpage", "dax2015-specgrab"] as const;
export type Variant = (typeof VARIANTS)[number];

/**
 * A variant: its era, whether the 2015 driver kills and drains the ref itself before
 * devm_memunmap_pages, and how gup takes the page after the lookup: `get_page` (in era a also a
 * pgmap ref, get_zone_device_page) or `try_get` (get_page_unless_zero: fails at 0, no pgmap ref).
 * The brief's three; devmap2017-getpage is __gup_device_huge / follow_devmap_pmd's plain
 * get_page; dax2015-specgrab is generic gup-fast's speculative grab on a 2015 dax page.
 */
interface Shape {
  readonly era: Era;
  readonly driverKill: boolean;
  readonly grab: "get_page" | "try_get";
}
const SHAPES: { readonly [V in Variant]: Shape } = {
  dax2015: { era: "a", driverKill: true, grab: "get_page" },
  "dax2015-nokill": { era: "a", driverKill: false, grab: "get_page" },
  devmap2017: { era: "a'", driverKill: false, grab: "try_get" },
  "devmap2017-getpage": { era: "a'", driverKill: false, grab: "get_page" },
  "dax2015-specgrab": { era: "a", driverKill: true, grab: "try_get" },
};

/** A gup thread: pg = holds a pgmap ref, pgpage = pgmap ref + page ref, page = page ref only. */
type Gup = "idle" | "pg" | "pgpage" | "page" | "done" | "failed";
interface Fields {
  cnt: number;
  dead: boolean;
  released: boolean;
  rc: number;
  unmapped: boolean;
  upc: "start" | "killed" | "drained" | "putdone" | "done";
  gups: IMap<string, Gup>; // by identity: gup1..gupNG
  gotAfterKill: boolean; // ghost
  fault: FaultCode | null;
}
export type PgmapGup = RecordOf<Fields>;

const N = 1; // pages in the range
/**
 * The NG gup threads (gup1..gupNG), their actions per thread (`GupLookup2`) by default: the
 * recorded counterexamples' counts depend on that order of actions. ACTORS=parameterised names
 * one action per step and declares the threads symmetric (specs/NOTES.md, "The N-actor block").
 */
const gupsOf = (ng: number, actions: ActorActions = "per-actor"): Actors<Gup> => new Actors({ field: "gups", ids: ids("gup", ng), actions, suffix: "numbered" });

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "dax2015 (era a), dax2015-nokill (driver skips kill/wait), devmap2017 (era a′/b), and the issue-10 page grabs" },
    NG: GUP_THREADS,
    ACTORS: ACTORS_CONSTANT,
    LOOKUP: { default: "live" as Lookup, values: LOOKUPS, doc: "get_dev_pagemap's ref: live (tryget_live), tryget (succeeds while cnt > 0, even after kill), get (unconditional)" },
  } as const;
}

export function make(variant: Variant): SpecDef<PgmapGup, ReturnType<typeof consts>> {
  return {
    name: `pgmap-gup/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, NG }) => {
      const era = eraOf(VARIANT);
      const gups = gupsOf(NG).init("idle");
      return [Record<Fields>({ ...percpuRefInit(setupPgmapRefs(era, "FS_DAX", N)), rc: 1, unmapped: false, upc: "start", gups, gotAfterKill: false, fault: null })()];
    },
    actions: ({ VARIANT, NG, LOOKUP, ACTORS }) => protocol(VARIANT, gupsOf(NG, ACTORS), LOOKUP),
    invariants: ({ VARIANT, NG }) => {
      const count = (s: PgmapGup, pcs: readonly Gup[]): number => gupsOf(NG).count(s, pcs);
      // 2015: every page ref beyond the idle 1 took a pgmap ref; (a′): the page's setup ref lives while rc > 0.
      const pageRefs = (s: PgmapGup): number => (eraOf(VARIANT) === "a" ? s.rc - 1 : s.rc > 0 ? 1 : 0);
      return {
        NoUnmapWhileLive,
        MemunmapOnlyWhenUnused: MemunmapOnlyWhenUnused<PgmapGup>((s) => count(s, ["pg", "pgpage", "page"]) > 0),
        NoNewPgmapRefAfterKill,
        NoRefAfterRelease,
        PgmapNonNegative,
        NoGetOnZero,
        PgmapAccounting: PgmapAccounting<PgmapGup>((s) => pageRefs(s) + count(s, ["pg", "pgpage"])),
        // mc mutate: a put that underflows, and a 2015 page put to 0 (zone_device_page_freed,
        // model.ts:144 and src/kernel/page.ts:45 mutants), raised faults no invariant watched
        NoUnderflow,
      };
    },
    // A gup that has its pgmap ref carries on to its puts, and teardown once started runs to its
    // end. Not fair: starting a gup (GupLookup) and starting teardown (the kill, or the whole
    // devm_memunmap_pages of dax2015-nokill).
    fairness: ({ VARIANT, NG, ACTORS }): Fairness => {
      const f = gupsOf(NG, ACTORS).fairness({ GupGetPage: "weak", GupPutPgmap: "weak", GupPutPage: "weak" });
      // By the variant's shape, so that every variant with the same teardown gets the same fairness.
      const shape = SHAPES[VARIANT];
      if (shape.era === "a" && shape.driverKill) Object.assign(f, { DrvWaitZero: "weak", DevmMemunmap: "weak" });
      if (shape.era === "a'") Object.assign(f, { UPutPages: "weak", UWaitDone: "weak" });
      return f;
    },
    properties: {
      // A started memunmap_pages (teardown) finishes (or a fault halted the run).
      MemunmapCompletes: leadsTo((s: PgmapGup) => s.upc !== "start", (s) => s.upc === "done" || s.fault !== null),
    },
    view: ({ NG, ACTORS }) => {
      const texts = SHAPES[variant].grab === "try_get" ? { ...STEP_TEXT, GupGetPage: STEP_TEXT.GupTryGetPage! } : STEP_TEXT;
      return actorView(gupsOf(NG, ACTORS), texts, (s: PgmapGup) => ({ page0: s.rc, pgmap: s.cnt }));
    },
    symmetry: ({ NG, ACTORS }) => symmetricWhen(ACTORS, { Gups: ids("gup", NG) }),
  };
}

const eraOf = (v: Variant): Era => SHAPES[v].era;
const STEP_TEXT: StepTexts = {
  GupLookup: "get_dev_pagemap(pfn0) by gup$",
  GupGetPage: "get_page(page0) by gup$",
  GupTryGetPage: "get_page_unless_zero(page0) by gup$",
  GupPutPgmap: "put_dev_pagemap by gup$",
  GupPutPage: "put_page(page0) by gup$",
  DrvKill: "percpu_ref_kill by the driver",
  DrvWaitZero: "driver waits for the ref to drain",
  DevmMemunmap: "devm_memunmap_pages",
  UKill: "memunmap_pages: percpu_ref_kill",
  UPutPages: "memunmap_pages: put_page on every pfn",
  UWaitDone: "memunmap_pages: wait_for_completion, teardown",
};

/** put_page on the device page, then the era's put path (§2.4; the pgmap here is fsdax's). */
function putPage(s: PgmapGup, era: Era): PgmapGup {
  // A 2015 device page is never expected to reach 0: __put_page on it is a bug.
  const freed = (t: PgmapGup): PgmapGup => (era === "a" && t.rc === 0 ? raise(t, "zone_device_page_freed") : t);
  return putDevicePage(s, "rc", era, "FS_DAX", { pgmap_put: (t) => refPut(freed(t), 1) });
}

function protocol(variant: Variant, gups: Actors<Gup>, lookup: Lookup) {
  const { era, driverKill, grab } = SHAPES[variant];
  const ok = (s: PgmapGup): boolean => s.fault === null;
  const at = (s: PgmapGup, g: string, pc: Gup): boolean => ok(s) && gups.of(s, g) === pc;
  const actions: { [name: string]: (s: PgmapGup) => PgmapGup | readonly PgmapGup[] | null } = gups.actions<PgmapGup>({
    GupLookup: (s, g) => {
      if (!at(s, g, "idle")) return null;
      const got = getDevPagemap(s, lookup);
      if (got === null) return gups.with(s, g, "failed");
      return gups.with(s.dead ? got.set("gotAfterKill", true) : got, g, "pg");
    },
    GupGetPage: (s, g) => {
      if (!at(s, g, "pg")) return null;
      if (grab === "get_page") {
        const t = applyRef(s, "rc", get_page(s.rc)); // VM_BUG_ON on 0: get_on_zero
        return gups.with(getPageTakesPgmapRef(era) ? refGet(t) : t, g, "pgpage"); // 2015: get_zone_device_page
      }
      const c = get_page_unless_zero(s.rc); // fails at 0: undo the lookup and bail
      return c === null ? gups.with(refPut(s, 1), g, "failed") : gups.with(s.set("rc", c), g, "pgpage");
    },
    GupPutPgmap: (s, g) => (at(s, g, "pgpage") ? gups.with(refPut(s, 1), g, "page") : null),
    GupPutPage: (s, g) => (at(s, g, "page") ? gups.with(putPage(s, era), g, "done") : null),
  });
  if (driverKill) {
    actions.DrvKill = (s) => (ok(s) && s.upc === "start" ? refKill(s).set("upc", "killed") : null);
    actions.DrvWaitZero = (s) => (ok(s) && s.upc === "killed" && completionDone(s) ? s.set("upc", "drained") : null);
  }
  if (era === "a") {
    const from = driverKill ? "drained" : "start";
    // devm_memunmap_pages only WARNs if the ref is still live; it tears down regardless.
    actions.DevmMemunmap = (s) => (ok(s) && s.upc === from ? s.set("unmapped", true).set("upc", "done") : null);
  } else {
    actions.UKill = (s) => (ok(s) && s.upc === "start" ? refKill(s).set("upc", "killed") : null);
    actions.UPutPages = (s) => (ok(s) && s.upc === "killed" ? putPage(s, era).set("upc", "putdone") : null);
    actions.UWaitDone = (s) => (ok(s) && s.upc === "putdone" && completionDone(s) ? s.set("unmapped", true).set("upc", "done") : null);
  }
  actions.Finished = (s) => {
    if (!ok(s) || s.upc !== "done") return null;
    return gups.every(s, ["idle", "failed", "done"]) ? s : null;
  };
  actions.Halt = (s) => (s.fault !== null ? s : null);
  return actions;
}
