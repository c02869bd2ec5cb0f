// generic-devdax (brief §5.5, §4.4): device-dax maps pages with vmf_insert_mixed (no reference,
// no rmap) while gup takes real references. Ralph's 2021 worry: start every ZONE_DEVICE page at
// 0 and a mapped device-dax page sits at 0, so gup's get_page trips the zero check.

import { Record, type Map as IMap, type RecordOf } from "immutable";
import { ids, type SpecDef } from "../../src/index.js";
import { Actors } from "../../src/kernel/actors.js";
import { GUP_THREADS } from "../../src/kernel/actor-count.js";
import type { Era } from "../../src/kernel/eras.js";
import { putDevicePage } from "../../src/kernel/device-put.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page, putPageIn } from "../../src/kernel/page.js";
import { NoGetOnZero, NoUnderflow } from "../../invariants/faults.js";
import { RefcountMatchesHolders } from "../../invariants/refcount.js";

export const VARIANTS = ["v5x", "ralph2021", "ralph2021-initcount", "popple2024"] as const;
export type Variant = (typeof VARIANTS)[number];

/** The count memremap/dev_dax_probe leaves on a GENERIC page. */
const INIT_RC: { readonly [V in Variant]: number } = { v5x: 1, ralph2021: 0, "ralph2021-initcount": 1, popple2024: 1 };

type Holder = "idle" | "hold";
interface Fields {
  rc: number;
  pte: "none" | "mapped";
  G: IMap<string, Holder>; // the gup threads by identity: gup1..gupNG
  fault: FaultCode | null;
}
export type GenericDevdax = RecordOf<Fields>;

/**
 * The NG gup threads; one parameterised action per step (`GupGet`: some thread takes a
 * reference), listed step by step as before, so the search meets states in the same order.
 * Nothing here is fair, so per-step and per-thread fairness cannot differ.
 */
const gupsOf = (ng: number): Actors<Holder> => new Actors({ field: "G", ids: ids("gup", ng), actions: "parameterised", suffix: "first-plain" });

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "how GENERIC pages are counted (§5.5)" },
    NG: GUP_THREADS,
  } as const;
}

export function make(variant: Variant): SpecDef<GenericDevdax, ReturnType<typeof consts>> {
  return {
    name: `generic-devdax/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, NG }) => {
      return [Record<Fields>({ rc: INIT_RC[VARIANT], pte: "none", G: gupsOf(NG).init("idle"), fault: null })()];
    },
    actions: ({ VARIANT, NG }) => protocol(VARIANT, NG),
    invariants: ({ VARIANT, NG }) => ({
      NoGetOnZero,
      NoUnderflow,
      RefcountMatchesHolders: RefcountMatchesHolders<GenericDevdax>({
        refcount: (s) => s.rc,
        base: () => INIT_RC[VARIANT],
        holders: (s) => gupsOf(NG).count(s, ["hold"]),
      }),
    }),
    symmetry: ({ NG }) => ({ Gups: ids("gup", NG) }),
    view: ({ NG }) => ({
      mayNeverFire: ["Halt"],
      counters: (s: GenericDevdax) => ({ page0: s.rc }),
      describeStep: (action: string, b: GenericDevdax, c: GenericDevdax) => {
        const who = `gup${gupsOf(NG).step(action, b, c, ["GupGet", "GupPut"])?.actor ?? 1}`;
        const rc = b.rc === c.rc ? "" : ` (page0 ${b.rc} → ${c.rc})`;
        if (action.startsWith("GupGet")) return `get_page(page0) by ${who}${rc}`;
        if (action.startsWith("GupPut")) return `put_page(page0) by ${who}${rc}`;
        if (action === "DevDaxFault") return "vmf_insert_mixed maps page0 (no reference)";
        if (action === "Munmap") return "munmap page0 (no reference to drop)";
        return `halted on fault ${String(c.fault)}`;
      },
    }),
  };
}

/** put_page on a GENERIC page: what reaching 0 does is the era's (§2.4); the 2021 proposal did nothing. */
function put(s: GenericDevdax, v: Variant): GenericDevdax {
  const era = PUT_ERA[v];
  if (era === null) return putPageIn(s, "rc");
  return putDevicePage(s, "rc", era, "GENERIC", { warn_no_page_free: (t) => raise(t, "zone_device_refcount_zero") });
}
/** Whose put path each variant's is: v5.x is (c′)'s WARN at 0, popple2024 (d)'s reset to 1. */
const PUT_ERA: { readonly [V in Variant]: Era | null } = { v5x: "c'", ralph2021: null, "ralph2021-initcount": null, popple2024: "d" };

type Act = (s: GenericDevdax) => GenericDevdax | null;

function protocol(v: Variant, ng: number): { [name: string]: Act | ((s: GenericDevdax) => GenericDevdax | readonly GenericDevdax[] | null) } {
  const gups = gupsOf(ng);
  return {
    DevDaxFault: (s) => (s.fault === null && s.pte === "none" ? s.set("pte", "mapped") : null),
    Munmap: (s) => (s.fault === null && s.pte === "mapped" ? s.set("pte", "none") : null),
    ...gups.actions<GenericDevdax>({
      GupGet: (s, g) => (s.fault === null && gups.of(s, g) === "idle" && s.pte === "mapped" ? gups.with(applyRef(s, "rc", get_page(s.rc)), g, "hold") : null),
      GupPut: (s, g) => (s.fault === null && gups.of(s, g) === "hold" ? put(gups.with(s, g, "idle"), v) : null),
    }),
    Halt: (s) => (s.fault !== null ? s : null),
  };
}
