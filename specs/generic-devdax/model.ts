// generic-devdax (brief §5.5, §4.4): device-dax maps pages with vmf_insert_mixed (no reference,
// no rmap) while gup takes real references. Ralph's 2021 worry: start every ZONE_DEVICE page at
// 0 and a mapped device-dax page sits at 0, so gup's get_page trips the zero check.

import { Record, type RecordOf } from "immutable";
import type { SpecDef } from "../../src/index.js";
import { putEffects } from "../../src/kernel/eras.js";
import { raise, type FaultCode } from "../../src/kernel/fault.js";
import { applyRef, get_page, put_page } from "../../src/kernel/page.js";
import { NoGetOnZero, NoUnderflow } from "../../invariants/faults.js";
import { RefcountMatchesHolders } from "../../invariants/refcount.js";
import { instance } from "../../src/kernel/step-text.js";

export const VARIANTS = ["v5x", "ralph2021", "ralph2021-initcount", "popple2024"] as const;
export type Variant = (typeof VARIANTS)[number];

/** The count memremap/dev_dax_probe leaves on a GENERIC page. */
const INIT_RC: { readonly [V in Variant]: number } = { v5x: 1, ralph2021: 0, "ralph2021-initcount": 1, popple2024: 1 };

type Holder = "idle" | "hold";
/** Gup thread 1 is `G` as in the brief; a scaled config (NG = 2, 3) adds `G2`, `G3`. */
type GupKey = "G" | "G2" | "G3";
interface Fields {
  rc: number;
  pte: "none" | "mapped";
  G: Holder;
  G2?: Holder;
  G3?: Holder;
  fault: FaultCode | null;
}
export type GenericDevdax = RecordOf<Fields>;

const gupKey = (i: number): GupKey => instance("G", i) as GupKey;
const suffix = (i: number): string => instance("", i);

function consts(variant: Variant) {
  return {
    VARIANT: { default: variant, values: VARIANTS, doc: "how GENERIC pages are counted (§5.5)" },
    NG: { default: 1, values: [1, 2, 3], doc: "gup threads" },
  } as const;
}

export function make(variant: Variant): SpecDef<GenericDevdax, ReturnType<typeof consts>> {
  return {
    name: `generic-devdax/${variant}`,
    constants: consts(variant),
    init: ({ VARIANT, NG }) => {
      const f: Fields = { rc: INIT_RC[VARIANT], pte: "none", G: "idle", fault: null };
      for (let i = 2; i <= NG; i++) f[gupKey(i)] = "idle";
      return [Record(f)()];
    },
    actions: ({ VARIANT, NG }) => protocol(VARIANT, NG),
    invariants: ({ VARIANT, NG }) => ({
      NoGetOnZero,
      NoUnderflow,
      RefcountMatchesHolders: RefcountMatchesHolders<GenericDevdax>({
        refcount: (s) => s.rc,
        base: () => INIT_RC[VARIANT],
        holders: (s) => {
          let n = 0;
          for (let i = 1; i <= NG; i++) if (s.get(gupKey(i)) === "hold") n++;
          return n;
        },
      }),
    }),
    view: {
      mayNeverFire: ["Halt"],
      counters: (s) => ({ page0: s.rc }),
      describeStep: (action, b, c) => {
        const who = /\d$/.test(action) ? `gup${action.slice(-1)}` : "gup1";
        const rc = b.rc === c.rc ? "" : ` (page0 ${b.rc} → ${c.rc})`;
        if (action.startsWith("GupGet")) return `get_page(page0) by ${who}${rc}`;
        if (action.startsWith("GupPut")) return `put_page(page0) by ${who}${rc}`;
        if (action === "DevDaxFault") return "vmf_insert_mixed maps page0 (no reference)";
        if (action === "Munmap") return "munmap page0 (no reference to drop)";
        return `halted on fault ${String(c.fault)}`;
      },
    },
  };
}

/** put_page on a GENERIC page: what reaching 0 does is the era's (§2.4); the 2021 proposal did nothing. */
function put(s: GenericDevdax, v: Variant): GenericDevdax {
  const step = put_page(s.rc);
  const t = applyRef(s, "rc", step);
  if (step.fault !== null || v === "ralph2021" || v === "ralph2021-initcount") return t;
  for (const e of putEffects(v === "v5x" ? "c'" : "d", "GENERIC", step.count)) {
    if (e === "reset_to_1") return t.set("rc", 1);
    if (e === "warn_no_page_free") return raise(t, "zone_device_refcount_zero");
  }
  return t;
}

type Act = (s: GenericDevdax) => GenericDevdax | null;

function protocol(v: Variant, ng: number): { [name: string]: Act } {
  const a: { [name: string]: Act } = {
    DevDaxFault: (s) => (s.fault === null && s.pte === "none" ? s.set("pte", "mapped") : null),
    Munmap: (s) => (s.fault === null && s.pte === "mapped" ? s.set("pte", "none") : null),
  };
  for (let i = 1; i <= ng; i++) {
    const g = gupKey(i);
    a[`GupGet${suffix(i)}`] = (s) =>
      s.fault === null && s.get(g) === "idle" && s.pte === "mapped" ? applyRef(s, "rc", get_page(s.rc)).set(g, "hold") : null;
  }
  for (let i = 1; i <= ng; i++) {
    const g = gupKey(i);
    a[`GupPut${suffix(i)}`] = (s) => (s.fault === null && s.get(g) === "hold" ? put(s.set(g, "idle"), v) : null);
  }
  a.Halt = (s) => (s.fault !== null ? s : null);
  return a;
}
