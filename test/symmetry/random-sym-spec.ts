// Random specs symmetric by construction, for the symmetry differential test: N threads keyed
// by identity, each a small program counter; rules (one action each, over every thread) move a
// thread between counters, optionally take or release a shared lock (its owner's identity) and
// mark the thread in a Set, or make it point at another thread (a Map from thread to thread: the
// graphs that leave identities tied after refinement, so the canonicaliser must branch). The
// invariant bounds how many threads share one counter. With `procs`, the threads belong to
// processes (thread i to process ((i − 1) mod procs) + 1), declared as an owned set: a rule may
// bump its thread's process's counter or need it at zero. With a SymLive, no invariant but
// fairness per rule and the four shapes of temporal property over counts of threads.

import { Map as IMap, Record, Set as ISet, type RecordOf } from "immutable";
import { defineSpec, eventually, eventuallyAlways, ids, infinitelyOften, leadsTo, type FairnessKind, type Spec, type Symmetry } from "../../src/index.js";

export interface SymRule {
  readonly from: number;
  readonly to: number;
  /** "pass": the owner hands the lock to each other thread in turn (one successor each). */
  readonly lock: "any" | "take" | "release" | "held-elsewhere" | "pass";
  readonly mark: boolean;
  /** "point": the thread points at each other thread in turn (one successor each); "clear": at none. */
  readonly link: "none" | "point" | "clear";
  /** With processes: "bump" adds one (mod 3) to the thread's process's counter, "gate" needs it at 0. */
  readonly proc?: "none" | "bump" | "gate";
}

export interface SymDesc {
  readonly n: number;
  readonly k: number;
  readonly rules: readonly SymRule[];
  readonly bound: { readonly pc: number; readonly max: number };
  readonly deadlock: boolean;
  /** Processes owning the threads (an owned symmetry set); none when absent. */
  readonly procs?: number;
}

export interface Fields {
  pc: IMap<string, number>;
  owner: string | null;
  marked: ISet<string>;
  link: IMap<string, string>;
  pm: IMap<string, number>;
}
export type S = RecordOf<Fields>;
export const State = Record<Fields>({ pc: IMap(), owner: null, marked: ISet(), link: IMap(), pm: IMap() });

/** Thread i's process, with `procs` processes: ((i − 1) mod procs) + 1. */
export function ownersOf(n: number, procs: number): Map<string, string> {
  return new Map(ids("t", n).map((t, i) => [t, `p${(i % procs) + 1}`]));
}

/** Temporal properties and fairness for a SymDesc: predicates count threads, never name them. */
export interface SymLive {
  /** Per rule (by index; missing: none). */
  readonly fair: readonly ("weak" | "strong" | null)[];
  /** p: at least `min` threads at counter `pc`; q likewise, or the lock free. */
  readonly p: { readonly pc: number; readonly min: number };
  readonly q: { readonly pc: number; readonly min: number } | "free";
}

export function symSpecOf(d: SymDesc, live?: SymLive): Spec<S> {
  const threads = ids("t", d.n);
  const procs = d.procs === undefined ? [] : ids("p", d.procs);
  const owner = ownersOf(d.n, Math.max(1, procs.length));
  const actions: { [name: string]: (s: S) => S[] } = {};
  d.rules.forEach((r, i) => {
    actions[`R${i}`] = (s: S) => {
      const out: S[] = [];
      for (const t of threads) {
        if (s.pc.get(t) !== r.from) continue;
        if (r.lock === "take" && s.owner !== null) continue;
        if ((r.lock === "release" || r.lock === "pass") && s.owner !== t) continue;
        if (r.lock === "held-elsewhere" && (s.owner === null || s.owner === t)) continue;
        const p = owner.get(t)!;
        if (procs.length > 0 && r.proc === "gate" && s.pm.get(p) !== 0) continue;
        let n = s.setIn(["pc", t], r.to);
        if (procs.length > 0 && r.proc === "bump") n = n.setIn(["pm", p], (s.pm.get(p)! + 1) % 3);
        if (r.lock === "take") n = n.set("owner", t);
        if (r.lock === "release") n = n.set("owner", null);
        if (r.mark) n = n.update("marked", (m) => m.add(t));
        if (r.link === "clear") n = n.update("link", (l) => l.delete(t));
        if (r.lock === "pass") {
          for (const u of threads) if (u !== t) out.push(n.set("owner", u));
        } else if (r.link === "point") {
          for (const u of threads) if (u !== t) out.push(n.setIn(["link", t], u));
        } else out.push(n);
      }
      return out;
    };
  });
  const common = {
    name: "random-sym",
    symmetry: (procs.length > 0 ? { Procs: procs, Threads: { ids: threads, owner } } : { Threads: threads }) as Symmetry,
    init: [State({ pc: IMap(threads.map((t) => [t, 0])), pm: IMap(procs.map((p) => [p, 0])) })],
    actions,
    invariants: { Bound: (s: S) => s.pc.count((x) => x === d.bound.pc) <= d.bound.max },
  };
  if (live === undefined) return defineSpec(common);
  const at = (c: { pc: number; min: number }) => (s: S) => s.pc.count((x) => x === c.pc) >= c.min;
  const p = at(live.p);
  const q = live.q === "free" ? (s: S) => s.owner === null : at(live.q);
  const fairness: { [a: string]: FairnessKind } = {};
  d.rules.forEach((_, i) => {
    if (live.fair[i]) fairness[`R${i}`] = live.fair[i]!;
  });
  return defineSpec({
    ...common,
    invariants: {},
    fairness,
    properties: { eventually: eventually(p), leadsTo: leadsTo(p, q), infinitelyOften: infinitelyOften(p), eventuallyAlways: eventuallyAlways(p) },
  });
}
