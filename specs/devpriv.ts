// devpriv: the performance reference model (shared/bench/devpriv.md), the device-private page
// lifecycle of the 0-based eras stripped to its core, written identically for every checker we
// compare against. P pages, T threads; its exact state counts are part of the contract.

import { List, Record, type RecordOf } from "immutable";
import { defineSpec, leadsTo, type Fairness, type Property, type SpecDef } from "../src/index.js";

interface Fields {
  ref: List<number>; // ref[p-1]: refcount of page p
  alloc: List<boolean>; // the driver has handed page p out
  frees: List<number>; // page_free callbacks since p was last allocated
  holds: List<number>; // holds[t-1]: the page thread t holds a reference on, 0 for none
}
type S = RecordOf<Fields>;

const CONSTANTS = {
  P: { default: 2, min: 1, doc: "pages" },
  T: { default: 3, min: 1, doc: "threads" },
} as const;

// One factory for every config: a Record type per (P, T) would only add prototypes to compare.
const State = Record<Fields>({ ref: List(), alloc: List(), frees: List(), holds: List() });

// The hot path. Successors are built with direct `set` chains on the Record and its Lists
// (~0.4 µs each, measured) rather than withMutations/setIn (~1 µs); reads are hoisted out of the
// binding loops; plain arrays, not generators, carry the successors.
/** The benchmark model as a definition, so specs/devpriv-liveness.ts can add its properties. */
export const devprivDef: SpecDef<S, typeof CONSTANTS> = {
  name: "devpriv",
  constants: CONSTANTS,
  init: ({ P, T }) => [
    State({ ref: List(Array(P).fill(0)), alloc: List(Array(P).fill(false)), frees: List(Array(P).fill(0)), holds: List(Array(T).fill(0)) }),
  ],
  actions: ({ P, T }) => ({
    /** Alloc(t, p): a free page (ref 0, not allocated) goes to an idle thread with refcount 1. */
    Alloc: (s: S) => {
      const out: S[] = [];
      const { ref, alloc, frees, holds } = s;
      for (let t = 0; t < T; t++) {
        if (holds.get(t) !== 0) continue;
        for (let p = 0; p < P; p++) {
          if (alloc.get(p) || ref.get(p) !== 0) continue;
          out.push(s.set("ref", ref.set(p, 1)).set("alloc", alloc.set(p, true)).set("frees", frees.set(p, 0)).set("holds", holds.set(t, p + 1)));
        }
      }
      return out;
    },
    /** GetUnlessZero(t, p): get_page_unless_zero by an idle thread on a page in use. */
    GetUnlessZero: (s: S) => {
      const out: S[] = [];
      const { ref, holds } = s;
      for (let t = 0; t < T; t++) {
        if (holds.get(t) !== 0) continue;
        for (let p = 0; p < P; p++) {
          const r = ref.get(p)!;
          if (r > 0) out.push(s.set("ref", ref.set(p, r + 1)).set("holds", holds.set(t, p + 1)));
        }
      }
      return out;
    },
    /** Put(t): drop thread t's reference; the last one frees the page (page_free). */
    Put: (s: S) => {
      const out: S[] = [];
      const { ref, holds } = s;
      for (let t = 0; t < T; t++) {
        const h = holds.get(t)!;
        if (h === 0) continue;
        const p = h - 1;
        const r = ref.get(p)! - 1;
        const u = s.set("ref", ref.set(p, r)).set("holds", holds.set(t, 0));
        out.push(r === 0 ? u.set("alloc", s.alloc.set(p, false)).set("frees", s.frees.set(p, s.frees.get(p)! + 1)) : u);
      }
      return out;
    },
  }),
  invariants: ({ P, T }) => ({
    /** page_free runs at most once per allocation. */
    FreeOnce: (s: S) => s.frees.every((f) => f <= 1),
    /** A page's refcount is exactly the number of threads holding it. */
    RefMatchesHolders: (s: S) => {
      for (let p = 0; p < P; p++) {
        let n = 0;
        for (let t = 0; t < T; t++) if (s.holds.get(t) === p + 1) n++;
        if (s.ref.get(p) !== n) return false;
      }
      return true;
    },
    /** Allocated exactly when referenced: 0 means free. */
    AllocIffRef: (s: S) => {
      for (let p = 0; p < P; p++) if (s.alloc.get(p) !== s.ref.get(p)! > 0) return false;
      return true;
    },
  }),
  view: {
    counters: (s: S) => Object.fromEntries(s.ref.map((r, p) => [`page${p + 1}`, r])),
  },
};

// The benchmark and its recorded runs (BFS and DFS, 1 and 2 workers) check the invariants only:
// temporal properties need the one-thread BFS state graph, so they live in devpriv-liveness.ts.
export default defineSpec(devprivDef);

/** Threads drop their references eventually: WF of Put, one action over every thread. */
export const devprivFairness: Fairness = { Put: "weak" };

/** Per page: an allocated page nobody holds any more is freed (the at-least-once half of FreeOnce). */
export function devprivProperties({ P, T }: { readonly P: number; readonly T: number }): { [name: string]: Property<S> } {
  const props: { [name: string]: Property<S> } = {};
  for (let p = 0; p < P; p++) {
    const held = (s: S) => {
      for (let t = 0; t < T; t++) if (s.holds.get(t) === p + 1) return true;
      return false;
    };
    props[`PageFreedAfterLastPut${p + 1}`] = leadsTo((s: S) => s.alloc.get(p)! && !held(s), (s) => !s.alloc.get(p));
  }
  return props;
}
