// fsdax: the headline spec. Today's kernel (era d, v6.15+) end to end: a compound fsdax folio
// mapped by PTEs and PUDs through dax_insert_pfn(_pud), pinned by gup-fast, zapped, and
// truncated by the break-layouts loop, then split and reused. Every invariant must hold.

import { defineSpec, leadsTo } from "../src/index.js";
import { folioOf, isLarge, logicalHead } from "../src/kernel/folio.js";
import { NoFreeWhileHeld, NoGetOnZero, NoUnderflow, PgmapResolvable } from "../invariants/faults.js";
import {
  BusyTestSound, CompoundHeadConsistency, MapcountConsistency, ResetOrderOnlyWhenIdle, TailRefcountZero,
} from "../invariants/folio.js";
import { NoStrandedWaiter, TruncateNeverWhilePinned } from "../invariants/fsdax.js";
import { RefcountsMatchHolders } from "../invariants/refcount.js";
import { protocol } from "./fsdax/actions.js";
import { ACTORS_CONSTANT, symmetricWhen, type ActorActions } from "../src/kernel/actors.js";
import { config, gpage, gpc, gup, holds, initial, mapsAny, pte, pud, rc, gupWord, procWord, type Config, type Fsdax, type Gup } from "./fsdax/state.js";

type Procs = "fixed" | "symmetric";
const fromConsts = (k: { ORDER: number; NP: number; NG: number; REUSE: boolean; OPSLESS_V8: boolean; ACTORS: ActorActions; PROCS: Procs }): Config =>
  config(k.ORDER, k.NP, k.NG, k.REUSE, k.OPSLESS_V8, k.ACTORS, k.PROCS === "symmetric" ? "parameterised" : "per-actor");

export default defineSpec({
  name: "fsdax",
  constants: {
    ORDER: { default: 1, values: [0, 1, 2], doc: "folio order: 2^ORDER pages" },
    NP: { default: 2, min: 1, doc: "processes mapping the file (proc1..procNP)" },
    NG: { default: 3, min: 1, doc: "gup-fast threads (gupK walks proc((K−1) mod NP + 1))" },
    REUSE: { default: true, doc: "after truncate the blocks are reused by the file and truncated again (else truncate runs once)" },
    ACTORS: { ...ACTORS_CONSTANT, doc: "the gup threads' actions: per-actor (GupGrab3, the recorded order) or parameterised (the threads of one process declared symmetric)" },
    PROCS: {
      default: "fixed",
      values: ["fixed", "symmetric"],
      doc: "the processes' actions: fixed, one per process (MapPte2); symmetric, one per step, and with ACTORS=parameterised the processes are declared interchangeable together with their gup threads",
    },
    OPSLESS_V8: {
      default: false,
      doc: "an FS_DAX pgmap without ops (virtio_fs) under the v8 series' free_zone_device_folio check, which returns before the wake (expected to fail)",
    },
  },
  init: (k) => [initial(fromConsts(k))],
  actions: (k) => protocol(fromConsts(k)),
  invariants: (k) => invariants(fromConsts(k)),
  // Every kernel thread keeps going: weak fairness of the gup threads and truncate. Faults and
  // munmaps are the processes' choice, so they get none (Finished and Halt only stutter).
  fairness: (k) =>
    Object.fromEntries(Object.keys(protocol(fromConsts(k))).filter((a) => !/^(MapPud|MapPte|Zap)\d*$|^(Finished|Halt)$/.test(a)).map((a) => [a, "weak" as const])),
  properties: (k) => properties(fromConsts(k)),
  // The gup threads that walk one process are interchangeable. Processes are too, but only
  // together with their threads (thread K's process is fixed by K): an owned set, declared when
  // the processes' actions are one per step (PROCS=symmetric).
  symmetry: (k) => {
    const c = fromConsts(k);
    if (k.PROCS === "symmetric") return symmetricWhen(k.ACTORS, { Procs: c.procs.ids, Gups: { ids: c.gups.ids, owner: c.procOf } });
    return symmetricWhen(k.ACTORS, Object.fromEntries([...c.gupsOf].map(([p, gs]) => [`GupsOf_${p}`, gs])));
  },
  view: (k) => {
    const c = fromConsts(k);
    return {
      counters: (s: Fsdax) => Object.fromEntries(Array.from({ length: c.pages }, (_, i) => [`page${i}`, rc(s, i)])),
      describeStep: (action: string, b: Fsdax, a: Fsdax) => describe(c, action, b, a),
      mayNeverFire: ["Finished", "Halt"],
    };
  },
});

function invariants(c: Config) {
  // Each reads the actor Maps once, word by word: these run on every distinct state.
  const count = (s: Fsdax, pred: (pc: Gup) => boolean): number => c.gups.count(s, (w) => pred(gupWord(w).pc));
  const puds = (s: Fsdax): number => c.procs.count(s, (w) => procWord(w).pud);
  const mapped = (s: Fsdax): boolean => c.procs.some(s, (w) => w !== "none");
  // For every current head h: rc_h against the PUDs, the PTEs and the gup references on h.
  const pairs = (s: Fsdax): (readonly [number, number])[] => {
    const heads = isLarge(s) ? 1 : c.pages;
    const want = Array.from({ length: heads }, () => 0);
    for (const w of c.procs.all(s).values()) {
      const e = procWord(w);
      if (e.pud) want[0]!++;
      for (let i = 0; i < c.pages; i++) if ((e.ptes >> i) & 1) want[logicalHead(s, i)]!++;
    }
    for (const w of c.gups.all(s).values()) {
      const g = gupWord(w);
      if (holds(g.pc)) want[logicalHead(s, g.page)]!++;
    }
    return want.map((n, h) => [rc(s, h), n] as const);
  };
  return {
    TruncateNeverWhilePinned: TruncateNeverWhilePinned<Fsdax>((s) => count(s, (pc) => pc === "pinned")),
    NoStrandedWaiter: NoStrandedWaiter<Fsdax>((s) => mapped(s) || count(s, holds) > 0),
    TailRefcountZero: TailRefcountZero(c.pages),
    CompoundHeadConsistency: CompoundHeadConsistency(c.order),
    MapcountConsistency: MapcountConsistency<Fsdax>(c.pages, puds),
    RefcountMatchesHolders: RefcountsMatchHolders<Fsdax>(pairs),
    BusyTestSound: BusyTestSound<Fsdax>((s) => count(s, holds)),
    ResetOrderOnlyWhenIdle,
    NoGetOnZero,
    PgmapResolvable,
    NoFreeWhileHeld,
    NoUnderflow,
  };
}

/**
 * TruncateCompletes: once truncate has started it commits, unless the run halted on a fault or a
 * process faulted the file back in while truncate slept. xfs_wait_dax_page drops the MMAPLOCK
 * to sleep, so processes that keep faulting and zapping can starve truncate forever, and no
 * fairness rules that out: without the last disjunct mc prints that lasso (specs/NOTES.md).
 */
function properties(c: Config) {
  const asleep = (s: Fsdax): boolean => s.tpc === "sleep" || s.tpc === "woken";
  const mapped = (s: Fsdax): boolean => c.procs.ids.some((p) => mapsAny(s, c, p));
  return {
    TruncateCompletes: leadsTo(
      (s: Fsdax) => s.tpc === "busy" || s.tpc === "wait" || asleep(s),
      (s: Fsdax) => s.tpc === "commit" || s.tpc === "done" || s.fault !== null || (asleep(s) && mapped(s)),
    ),
  };
}

function describe(c: Config, action: string, b: Fsdax, a: Fsdax): string {
  const counts: string[] = [];
  for (let i = 0; i < c.pages; i++) if (rc(b, i) !== rc(a, i)) counts.push(`page${i} ${rc(b, i)} → ${rc(a, i)}`);
  const rcs = counts.length ? ` (${counts.join(", ")})` : "";
  const m = c.procs.step(action, b, a, ["MapPud", "MapPte", "Zap"]) ?? c.gups.step(action, b, a, ["GupRead", "GupGrab", "GupRecheck", "Unpin"]);
  if (m) {
    const n = m.actor;
    const p = c.procs.ids[n - 1]!;
    const g = c.gups.ids[n - 1]!;
    switch (m.base) {
      case "MapPud": return `dax_insert_pfn_pud maps the folio in process ${n}${rcs}`;
      case "MapPte": return `dax_insert_pfn maps page${Array.from({ length: c.pages }, (_, i) => i).find((i) => pte(b, c, p, i) !== pte(a, c, p, i))} in process ${n}${rcs}`;
      case "Zap": return `zap process ${n}'s mappings${rcs}`;
      case "GupRead": return `gup${n} reads the ${gup(a, c, g).entry} of page${gpage(a, c, g)} in process ${c.procs.ids.indexOf(c.procOf.get(g)!) + 1}`;
      case "GupGrab": {
        const i = gpage(b, c, g);
        return gpc(a, c, g) === "grabbed" ? `folio_try_get(page${folioOf(b, i)}) by gup${n}${rcs}` : `folio_try_get(page${folioOf(b, i)}) fails for gup${n}`;
      }
      case "GupRecheck": return gpc(a, c, g) === "pinned" ? `gup${n}: entry unchanged, pin committed` : `gup${n}: entry changed, folio_put${rcs}`;
      case "Unpin": return `unpin_user_page(page${gpage(b, c, g)}) by gup${n}${rcs}`;
    }
  }
  const text: { readonly [k: string]: string } = {
    TLock: "truncate takes the fs mapping lock",
    TBusyScan: `dax_layout_busy_page: unmap everything, folio ${a.tpc === "wait" ? "busy" : "idle"}${rcs}`,
    TWait: a.tpc === "sleep" ? "dax_wait_page_idle sleeps on page0" : "dax_wait_page_idle: idle, rescan",
    TWoken: a.tpc === "sleep" ? "woken, still busy: sleeps again" : "woken, idle: rescan",
    TCommit: "truncate commits: dax_folio_put, dax_folio_reset_order",
    TReuse: "blocks reused by the file: dax_folio_init",
    Finished: "all threads finished",
    Halt: `halted on fault ${String(a.fault)}`,
  };
  return text[action] ?? action;
}
