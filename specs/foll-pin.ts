// FOLL_PIN on an ordinary small page, written with the kernel library as a user of mc would
// (here the repository's paths; from an installed mc: "mc", "mc/kernel", "mc/invariants").
// pin_user_pages_fast pins in two atomic steps (try_get_folio, then folio_ref_add(BIAS − 1)),
// rechecks the PTE and backs out if it changed; unpin_user_page is folio_put_refs(folio, 1024);
// the owner's mapping holds one reference, dropped by the unmap; the last put frees the page
// (__folio_put's ordinary branch). BUGGY: unpin puts 1, so each pin leaks 1023 and the page is
// never freed. Each thread pins at most K times, which bounds the buggy variant's counts.

import { List, Record } from "immutable";
import { defineSpec, leadsTo } from "../src/index.js";
import {
  checkLeak,
  folioPutRefsIn,
  gup_put_refs,
  pin_bias_add,
  try_get_folio,
  GUP_PIN_COUNTING_BIAS as BIAS,
  ORDINARY_PAGE,
  type FaultCode,
} from "../src/kernel/index.js";
import { NoLeak, NoUnderflow, PinnedPageReportsPinned, RefcountMatchesHolders } from "../invariants/index.js";

/** A gup thread: idle, after try_get_folio ("got"), after the bias ("grabbed"), pin committed. */
type Pc = "idle" | "got" | "grabbed" | "pinned";
const State = Record({
  rc: 1, // the page's _refcount: the owner's mapping holds the first reference
  mapped: true, // the PTE still maps the page (the owner's reference)
  freed: false, // back in the buddy allocator
  pc: List<Pc>(),
  pins: List<number>(), // pin attempts per thread, at most K
  fault: null as FaultCode | null,
});
type S = ReturnType<typeof State>;

const CONSTANTS = {
  T: { default: 2, min: 1, doc: "gup threads" },
  K: { default: 1, min: 0, doc: "pin attempts per thread (bounds the buggy variant's leak)" },
  BUGGY: { default: false, doc: "unpin_user_page puts 1 instead of the bias" },
} as const;

/** What each holder contributes to the count: a grab 1, a grab with its bias (or a pin) 1024. */
const share = (pc: Pc): number => (pc === "got" ? 1 : pc === "idle" ? 0 : BIAS);
const holders = (s: S): number => (s.mapped ? 1 : 0) + s.pc.count((pc) => pc !== "idle");
const dropped = (s: S): S => checkLeak(s, ORDINARY_PAGE, holders(s));

/** The thread whose pc the step changed (the actions range over threads), for the step's text. */
const who = (a: S, b: S): number => a.pc.findIndex((pc, t) => pc !== b.pc.get(t));
const actor = (a: S, b: S): string => `gup${who(a, b) + 1}`;
const TEXTS: { readonly [action: string]: (a: S, b: S) => string } = {
  PinGet: (a, b) => `try_get_folio(page) by ${actor(a, b)}`,
  PinBias: (a, b) => `folio_ref_add(page, ${BIAS - 1}) by ${actor(a, b)}`,
  PinRecheck: (a, b) => (b.pc.get(who(a, b)) === "pinned" ? `PTE unchanged: ${actor(a, b)} holds a pin` : `PTE changed: gup_put_folio(page, 1, FOLL_PIN) by ${actor(a, b)}`),
  Unpin: (a, b) => `unpin_user_page(page) by ${actor(a, b)}`,
  Unmap: () => "zap the PTE: folio_put(page)",
  Halt: () => "the page is freed (or a fault stopped the model)",
};

export default defineSpec({
  name: "foll-pin",
  constants: CONSTANTS,
  init: ({ T }) => [State({ pc: List(Array<Pc>(T).fill("idle")), pins: List(Array<number>(T).fill(0)) })],
  actions: ({ T, K, BUGGY }) => ({
    /** gup-fast's first step: try_get_folio fails on 0; the PTE must still map the page. */
    *PinGet(s: S) {
      if (s.fault !== null || !s.mapped) return;
      for (let t = 0; t < T; t++) {
        if (s.pc.get(t) !== "idle" || s.pins.get(t)! >= K) continue;
        const rc = try_get_folio(s.rc);
        if (rc !== null) yield s.set("rc", rc).setIn(["pc", t], "got").setIn(["pins", t], s.pins.get(t)! + 1);
      }
    },
    /** Its second step: folio_ref_add(folio, BIAS − 1), a separate atomic. */
    *PinBias(s: S) {
      if (s.fault !== null) return;
      for (let t = 0; t < T; t++) if (s.pc.get(t) === "got") yield s.set("rc", pin_bias_add(s.rc)).setIn(["pc", t], "grabbed");
    },
    /** The PTE recheck: unchanged commits the pin; changed backs out with gup_put_folio(folio, 1, FOLL_PIN). */
    *PinRecheck(s: S) {
      if (s.fault !== null) return;
      for (let t = 0; t < T; t++) {
        if (s.pc.get(t) !== "grabbed") continue;
        if (s.mapped) yield s.setIn(["pc", t], "pinned");
        else yield dropped(folioPutRefsIn(s.setIn(["pc", t], "idle"), ORDINARY_PAGE, gup_put_refs(1, "pin")));
      }
    },
    /** unpin_user_page = gup_put_folio(folio, 1, FOLL_PIN) = folio_put_refs(folio, 1024); the buggy one puts 1. */
    *Unpin(s: S) {
      if (s.fault !== null) return;
      for (let t = 0; t < T; t++) {
        if (s.pc.get(t) === "pinned") yield dropped(folioPutRefsIn(s.setIn(["pc", t], "idle"), ORDINARY_PAGE, BUGGY ? 1 : gup_put_refs(1, "pin")));
      }
    },
    /** The owner unmaps: zap_pte_range's folio_put drops the mapping's reference. */
    Unmap: (s: S) => (s.fault === null && s.mapped ? dropped(folioPutRefsIn(s.set("mapped", false), ORDINARY_PAGE, 1)) : null),
    /** The end: the page is free (or a fault stopped the model); it stutters here. */
    Halt: (s: S) => (s.freed || s.fault !== null ? s : null),
  }),
  invariants: ({ T, K }) => ({
    NoUnderflow,
    NoLeak,
    /** refcount = the mapping's 1 + 1 per grab + 1024 per grab with its bias or pin (0 once freed). */
    RefcountIdentity: RefcountMatchesHolders<S>({
      refcount: (s) => s.rc,
      base: (s) => (s.mapped ? 1 : 0),
      holders: (s) => s.pc.reduce((n, pc) => n + share(pc), 0),
    }),
    /** Nobody holds or maps a freed page, and a freed page's count is 0. */
    NoUseAfterFree: (s: S) => !s.freed || (holders(s) === 0 && s.rc === 0),
    /** page_maybe_dma_pinned never says "not pinned" of a pinned page. */
    PinnedIsReported: PinnedPageReportsPinned<S>((s) => s.rc, (s) => s.pc.count((pc) => pc === "pinned")),
    /** Each thread pins at most K times (the bound is the spec's, not the kernel's). */
    Bounded: (s: S) => s.pc.size === T && s.pins.every((n) => n <= K),
  }),
  fairness: { PinBias: "weak", PinRecheck: "weak", Unpin: "weak", Unmap: "weak" },
  properties: {
    /** Once the mapping and every gup thread have put their references, the page is freed. */
    PageFreedAfterLastPut: leadsTo((s: S) => holders(s) === 0, (s: S) => s.freed),
  },
  view: {
    describeStep: (action: string, a: S, b: S) => TEXTS[action]?.(a, b) ?? action,
    counters: (s: S) => ({ page: s.rc }),
    mayNeverFire: ["Halt"],
  },
});
