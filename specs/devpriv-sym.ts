// devpriv keyed by identities (shared/bench/devpriv.md): the same model as specs/devpriv.ts,
// with pages "p1".."pP" and threads "t1".."tT" as Map keys and values instead of List
// positions, and both sets declared symmetric. mc explores one state per orbit: 129 states at
// P=4 T=8 (693,160 with --no-symmetry, as devpriv.ts), 322 at P=5 T=10.

import { Map as IMap, Record, type RecordOf } from "immutable";
import { defineSpec, ids } from "../src/index.js";

type Page = string;
type Thread = string;

interface Fields {
  ref: IMap<Page, number>; // refcount of each page
  alloc: IMap<Page, boolean>; // the driver has handed the page out
  frees: IMap<Page, number>; // page_free callbacks since the page was last allocated
  holds: IMap<Thread, Page | null>; // the page a thread holds a reference on, null for none
}
type S = RecordOf<Fields>;

const State = Record<Fields>({ ref: IMap(), alloc: IMap(), frees: IMap(), holds: IMap() });

export default defineSpec({
  name: "devpriv-sym",
  constants: {
    P: { default: 2, doc: "pages" },
    T: { default: 3, doc: "threads" },
  },
  symmetry: ({ P, T }) => ({ Threads: ids("t", T), Pages: ids("p", P) }),
  init: ({ P, T }) => {
    const pages = ids("p", P);
    return [
      State({
        ref: IMap(pages.map((p) => [p, 0])),
        alloc: IMap(pages.map((p) => [p, false])),
        frees: IMap(pages.map((p) => [p, 0])),
        holds: IMap(ids("t", T).map((t) => [t, null])),
      }),
    ];
  },
  actions: ({ P, T }) => {
    const pages = ids("p", P);
    const threads = ids("t", T);
    return {
      /** Alloc(t, p): a free page goes to an idle thread with refcount 1. */
      *Alloc(s: S) {
        for (const t of threads) {
          for (const p of pages) {
            if (s.holds.get(t) === null && !s.alloc.get(p) && s.ref.get(p) === 0) {
              yield s.setIn(["ref", p], 1).setIn(["alloc", p], true).setIn(["frees", p], 0).setIn(["holds", t], p);
            }
          }
        }
      },
      /** GetUnlessZero(t, p): get_page_unless_zero by an idle thread on a page in use. */
      *GetUnlessZero(s: S) {
        for (const t of threads) {
          for (const p of pages) {
            if (s.holds.get(t) === null && s.ref.get(p)! > 0) yield s.updateIn(["ref", p], (r) => (r as number) + 1).setIn(["holds", t], p);
          }
        }
      },
      /** Put(t): drop thread t's reference; the last one frees the page (page_free). */
      *Put(s: S) {
        for (const t of threads) {
          const p = s.holds.get(t);
          if (p === null || p === undefined) continue;
          const r = s.ref.get(p)! - 1;
          const next = s.setIn(["ref", p], r).setIn(["holds", t], null);
          yield r === 0 ? next.setIn(["alloc", p], false).updateIn(["frees", p], (f) => (f as number) + 1) : next;
        }
      },
    };
  },
  invariants: {
    /** page_free runs at most once per allocation. */
    FreeOnce: (s: S) => s.frees.every((f) => f <= 1),
    /** A page's refcount is exactly the number of threads holding it. */
    RefMatchesHolders: (s: S) => s.ref.every((r, p) => r === s.holds.count((h) => h === p)),
    /** Allocated exactly when referenced: 0 means free. */
    AllocIffRef: (s: S) => s.alloc.every((a, p) => a === s.ref.get(p)! > 0),
  },
});
