// migrate-devpriv (brief §5.8, §2.11, §4.12): migrating an allocated, mapped device-private page
// to RAM while a stray holder may take a reference. The threshold test (migrate_vma_check_page)
// and the exact test (folio_expected_refs) must match the era's refcount convention exactly.

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { ids, leadsTo, type Fairness, type SpecDef } from "../../src/index.js";
import { Actors } from "../../src/kernel/actors.js";
import { actorView } from "../../src/kernel/actor-view.js";
import { actorCount } from "../../src/kernel/actor-count.js";
import { DRIVER_LIST } from "../../src/kernel/allocator.js";
import { putPrivatePage } from "../../src/kernel/device-put.js";
import type { FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page } from "../../src/kernel/page.js";
import type { Era } from "../../src/kernel/eras.js";
import { NoGetOnZero, NoUnderflow, PageFreeOncePerAlloc, PageFreeOnlyWhenUnreferenced } from "../../invariants/faults.js";
import { freeListConsistent } from "../../invariants/allocator.js";
import { MigrateProgress, noMigrateWhilePinnedBy, oldPageFreedAfterMigration } from "../../invariants/migrate.js";
import type { StepTexts } from "../../src/kernel/step-text.js";

/**
 * mig1based = (1based, thr 1, exa 1) and mig0based = (0based, 0, 0) are the brief's. The others
 * mix conventions: mig0based-thr1 is upstream since hch 2022 (the ZONE_DEVICE +1 stayed in the
 * threshold test), mig0based-exa1 keeps the pre-2022 +1 in the exact test, mig1based-exa0 drops it
 * early. Issue 10 names five combinations; three are the same shapes under reviewers' names
 * (mig0based-upstream = thr1, mig0based-exactstale = exa1, mig1based-exactdropped = exa0).
 * The shape is three free constants (ERA, THR, EXA); a variant only picks their defaults.
 */
export const VARIANTS = [
  "mig1based", "mig0based", "mig0based-thr1", "mig0based-exa1", "mig1based-exa0",
  "mig0based-stale", "mig1based-dropped", "mig1based-exactdropped", "mig0based-exactstale", "mig0based-upstream",
] as const;
export type Variant = (typeof VARIANTS)[number];
const ERA_VALUES = ["1based", "0based"] as const;
interface Shape {
  readonly era: (typeof ERA_VALUES)[number];
  readonly thr: number;
  readonly exa: number;
}
const SHAPES: { readonly [V in Variant]: Shape } = {
  mig1based: { era: "1based", thr: 1, exa: 1 },
  mig0based: { era: "0based", thr: 0, exa: 0 },
  "mig0based-thr1": { era: "0based", thr: 1, exa: 0 },
  "mig0based-exa1": { era: "0based", thr: 0, exa: 1 },
  "mig1based-exa0": { era: "1based", thr: 1, exa: 0 },
  "mig0based-stale": { era: "0based", thr: 1, exa: 1 },
  "mig1based-dropped": { era: "1based", thr: 0, exa: 0 },
  "mig1based-exactdropped": { era: "1based", thr: 1, exa: 0 },
  "mig0based-exactstale": { era: "0based", thr: 0, exa: 1 },
  "mig0based-upstream": { era: "0based", thr: 1, exa: 0 },
};
/** The count a free page sits at, written out per convention (not derived from the era table). */
const FREE_COUNT: { readonly [E in Shape["era"]]: number } = { "1based": 1, "0based": 0 };
/** Which put path each convention is: 1-based frees at 1 (b), 0-based at 0 (c′: no reset). */
const PUT_ERA: { readonly [E in Shape["era"]]: Era } = { "1based": "b", "0based": "c'" };

type Holder = "idle" | "hold";
interface Fields {
  rc: number;
  mc: number;
  pte: "mapped" | "migration" | "new";
  mg: "idle" | "collected" | "checked" | "restore" | "moved" | "done";
  X: IMap<string, Holder>; // the stray holders by identity: X1..XNX
  migrated: boolean;
  spurious: boolean; // ghost
  allocated: boolean; // ghost
  onFreeList: boolean;
  fault: FaultCode | null;
}
export type Migrate = RecordOf<Fields>;
/**
 * The NX stray holders; one parameterised action per step (`XPut`: some holder puts). Weak
 * fairness of XPut is not each holder's, yet MigrationCompletes' verdict cannot differ
 * (specs/NOTES.md, "The N-actor block").
 */
const straysOf = (nx: number): Actors<Holder> => new Actors({ field: "X", ids: ids("X", nx), actions: "parameterised", suffix: "first-plain" });

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: [variant], doc: "the variant's name; its shape is ERA, THR and EXA" },
    ERA: { default: SHAPES[variant].era as Shape["era"], values: ERA_VALUES, doc: "the refcount convention: 1based (free at 1) or 0based (free at 0)" },
    THR: { default: SHAPES[variant].thr, values: [0, 1], doc: "the ZONE_DEVICE +1 in migrate_vma_check_page's threshold test" },
    EXA: { default: SHAPES[variant].exa, values: [0, 1], doc: "the device-private +1 in folio_expected_refs' exact test" },
    NX: actorCount("stray reference holders", "X1..XNX"),
  } as const;
}

export function make(variant: Variant): SpecDef<Migrate, ReturnType<typeof consts>> {
  return {
    name: `migrate-devpriv/${variant}`,
    constants: consts(variant),
    init: ({ ERA, NX }) => {
      const f: Fields = {
        rc: ERA === "1based" ? 2 : 1,
        mc: 1,
        pte: "mapped",
        mg: "idle",
        X: straysOf(NX).init("idle"),
        migrated: false,
        spurious: false,
        allocated: true,
        onFreeList: false,
        fault: null,
      };
      return [Record<Fields>(f)()];
    },
    actions: ({ ERA, THR, EXA, NX }) => protocol({ era: ERA, thr: THR, exa: EXA }, NX),
    invariants: ({ ERA, NX }) => ({
      NoMigrateWhilePinned: noMigrateWhilePinnedBy<Migrate>((s) => anyStray(s, NX)),
      MigrateProgress,
      PageFreeOncePerAlloc,
      NoGetOnZero,
      NoUnderflow,
      // mc mutate: page_free's free_while_referenced fault and a skipped push back onto the
      // free list (src/kernel/allocator.ts:43-48 mutants) went unnoticed
      PageFreeOnlyWhenUnreferenced,
      FreeListConsistent: freeListConsistent<Migrate>(DRIVER_LIST),
      // mc mutate: MgFinalize without its put, and every put-path mutant that drops page_free or
      // turns it into a reset to 1, left the old page allocated (or free at 1) and nothing noticed.
      OldPageFreedAfterMigration: oldPageFreedAfterMigration((s) => anyStray(s, NX), FREE_COUNT[ERA]),
    }),
    // Every migration step is fair, MgCollect included: a failed migration is retried (the CPU
    // access that faulted on the device-private entry faults again). A stray holder drops its
    // reference eventually but need not take one.
    fairness: ({ NX }): Fairness => {
      return { MgCollect: "weak", MgCheck: "weak", MgMove: "weak", MgFinalize: "weak", MgRestore: "weak", ...straysOf(NX).fairness({ XPut: "weak" }) };
    },
    properties: ({ NX }) => ({
      // Only a stray reference can hold migration off: an unmigrated page is eventually migrated
      // unless some stray holder takes a reference (the temporal form of MigrateProgress).
      MigrationCompletes: leadsTo((s: Migrate) => !s.migrated, (s) => s.migrated || anyStray(s, NX) || s.fault !== null),
    }),
    symmetry: ({ NX }) => ({ Strays: ids("X", NX) }),
    view: ({ NX }) => actorView(straysOf(NX), STEP_TEXT, (s: Migrate) => ({ page0: s.rc, mapcount: s.mc }), ["Finished", "Halt"]),
  };
}

const STEP_TEXT: StepTexts = {
  XGet: "get_page(page0) by stray holder X$",
  XPut: "put_page(page0) by stray holder X$",
  MgCollect: "migrate_vma_collect_pmd: folio_get, migration entry, rmap remove, put",
  MgCheck: "migrate_vma_check_page (threshold test)",
  MgMove: "folio_migrate_mapping (exact test)",
  MgFinalize: "migrate_vma_finalize: put the old device page",
  MgRestore: "remove_migration_ptes: restore the entry, put",
};

function anyStray(s: Migrate, nx: number): boolean {
  return straysOf(nx).some(s, ["hold"]);
}

function protocol(shape: Shape, nx: number) {
  const era = PUT_ERA[shape.era];
  const ok = (s: Migrate): boolean => s.fault === null;
  const strays = straysOf(nx);
  const actions: { [name: string]: (s: Migrate) => Migrate | readonly Migrate[] | null } = strays.actions<Migrate>({
    XGet: (s, x) => (ok(s) && strays.of(s, x) === "idle" && s.pte === "mapped" ? strays.with(applyRef(s, "rc", get_page(s.rc)), x, "hold") : null),
    XPut: (s, x) => (ok(s) && strays.of(s, x) === "hold" ? putPrivatePage(strays.with(s, x, "idle"), era) : null),
  });
  // A check that fails with no stray holder around fails for a reference the era itself owns.
  const spuriousUnless = (s: Migrate, passed: boolean): Migrate => (passed || anyStray(s, nx) ? s : s.set("spurious", true));
  Object.assign(actions, {
    MgCollect: (s: Migrate) => {
      if (!ok(s) || s.mg !== "idle" || s.pte !== "mapped") return null;
      const t = applyRef(s, "rc", get_page(s.rc)).set("pte", "migration").set("mc", s.mc - 1);
      return putPrivatePage(t, era).set("mg", "collected"); // the entry's own reference goes with the entry
    },
    MgCheck: (s: Migrate) => {
      if (!ok(s) || s.mg !== "collected") return null;
      const passed = s.rc - (1 + shape.thr) <= s.mc;
      return spuriousUnless(s, passed).set("mg", passed ? "checked" : "restore");
    },
    MgMove: (s: Migrate) => {
      if (!ok(s) || s.mg !== "checked") return null;
      const passed = s.rc === 1 + shape.exa;
      const t = spuriousUnless(s, passed);
      return passed ? t.set("migrated", true).set("mg", "moved") : t.set("mg", "restore");
    },
    MgFinalize: (s: Migrate) => (ok(s) && s.mg === "moved" ? putPrivatePage(s.set("pte", "new"), era).set("mg", "done") : null),
    MgRestore: (s: Migrate) =>
      ok(s) && s.mg === "restore" ? putPrivatePage(s.set("pte", "mapped").set("mc", s.mc + 1).set("rc", s.rc + 1), era).set("mg", "idle") : null,
    Finished: (s: Migrate) => (ok(s) && s.mg === "done" && !anyStray(s, nx) ? s : null),
    Halt: (s: Migrate) => (s.fault !== null ? s : null),
  });
  return actions;
}
