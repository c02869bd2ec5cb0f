// devpriv written plainly, as a newcomer to Immutable.js would write it: a Record constructor
// for the initial state, update/setIn/withMutations in actions, generators for the bindings,
// every/filter/count in invariants. Same model and same exact state counts as specs/devpriv.ts
// (shared/bench/devpriv.md); the benchmark runs both, since users' specs look like this one.

import { List, Range, Record, type RecordOf } from "immutable";
import { defineSpec } from "../src/index.js";

interface Fields {
  ref: List<number>; // ref[p]: refcount of page p+1
  alloc: List<boolean>; // the driver has handed page p+1 out
  frees: List<number>; // page_free callbacks since page p+1 was last allocated
  holds: List<number>; // holds[t]: the page thread t+1 holds a reference on, 0 for none
}
type State = RecordOf<Fields>;

const State = Record<Fields>({ ref: List(), alloc: List(), frees: List(), holds: List() });


export default defineSpec({
  name: "devpriv-plain",
  constants: {
    P: { default: 2, min: 1, doc: "pages" },
    T: { default: 3, min: 1, doc: "threads" },
  },
  init: ({ P, T }) => [
    State({
      ref: Range(0, P).map(() => 0).toList(),
      alloc: Range(0, P).map(() => false).toList(),
      frees: Range(0, P).map(() => 0).toList(),
      holds: Range(0, T).map(() => 0).toList(),
    }),
  ],
  actions: ({ P, T }) => ({
    /** Alloc(t, p): a free page goes to an idle thread with refcount 1. */
    *Alloc(s: State) {
      for (let t = 0; t < T; t++) {
        for (let p = 0; p < P; p++) {
          if (s.holds.get(t) === 0 && !s.alloc.get(p) && s.ref.get(p) === 0) {
            yield State({
              ref: s.ref.set(p, 1),
              alloc: s.alloc.set(p, true),
              frees: s.frees.set(p, 0),
              holds: s.holds.set(t, p + 1),
            });
          }
        }
      }
    },
    /** GetUnlessZero(t, p): get_page_unless_zero by an idle thread on a page in use. */
    *GetUnlessZero(s: State) {
      for (let t = 0; t < T; t++) {
        for (let p = 0; p < P; p++) {
          if (s.holds.get(t) === 0 && s.ref.get(p)! > 0) {
            yield s.update("ref", (ref) => ref.update(p, (r) => r! + 1)).setIn(["holds", t], p + 1);
          }
        }
      }
    },
    /** Put(t): drop thread t's reference; the last one frees the page (page_free). */
    *Put(s: State) {
      for (let t = 0; t < T; t++) {
        const h = s.holds.get(t)!;
        if (h === 0) continue;
        const p = h - 1;
        yield s.withMutations((m) => {
          m.setIn(["ref", p], m.ref.get(p)! - 1);
          m.setIn(["holds", t], 0);
          if (m.ref.get(p) === 0) {
            m.setIn(["alloc", p], false);
            m.updateIn(["frees", p], (f) => (f as number) + 1);
          }
        });
      }
    },
  }),
  invariants: ({ P }) => ({
    /** page_free runs at most once per allocation. */
    FreeOnce: (s: State) => s.frees.every((f) => f <= 1),
    /** A page's refcount is exactly the number of threads holding it. */
    RefMatchesHolders: (s: State) => Range(0, P).every((p) => s.ref.get(p) === s.holds.filter((h) => h === p + 1).count()),
    /** Allocated exactly when referenced: 0 means free. */
    AllocIffRef: (s: State) => Range(0, P).every((p) => s.alloc.get(p) === s.ref.get(p)! > 0),
  }),
  view: {
    counters: (s: State) => Object.fromEntries(s.ref.map((r, p) => [`page${p + 1}`, r])),
  },
});
