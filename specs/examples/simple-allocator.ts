// SimpleAllocator (Merz's resource allocator), ported from tlaplus/Examples
// specifications/allocator/SimpleAllocator.tla with the model SimpleAllocator.cfg:
// Clients = {c1, c2, c3}, Resources = {r1, r2}, INVARIANTS TypeInvariant ResourceMutex,
// PROPERTIES ClientsWillReturn ClientsWillObtain InfOftenSatisfied, no symmetry (the cfg notes
// that symmetry "DOES NOT WORK FOR LIVENESS"), deadlock checking on.
//
// Next is \E c, S : Request(c,S) \/ Allocate(c,S) \/ Return(c,S). Fairness is per client and
// names sub-actions, so the actions are split per client along the fairness conditions:
//   SPEC = "SimpleAllocator":  WF_vars(Return(c, alloc[c])), SF_vars(\E S : Allocate(c,S))
//   SPEC = "SimpleAllocator2": WF_vars(unsat[c] = {} /\ Return(c, alloc[c])), SF as above
//   SPEC = "WF" (not in the repository): SimpleAllocator with WF instead of SF on Allocate
// `ReturnAll_c` is exactly the fair return of the chosen SPEC and `Return_c` every other
// Return(c,S); together they are Return(c,S) for all S, one successor per S, so the state graph
// and TLC's generated count are the same for every SPEC.
// The module's closing comment: SimpleAllocator2 implies ClientsWillReturn but neither
// ClientsWillObtain nor InfOftenSatisfied.

import { Map as IMap, Record, Set as ISet } from "immutable";
import { defineSpec, infinitelyOften, leadsTo, type Fairness, type Property } from "../../src/index.js";

interface AllocFields {
  /** unsat[c]: the outstanding requests of client c. */
  readonly unsat: IMap<string, ISet<string>>;
  /** alloc[c]: the resources allocated to client c. */
  readonly alloc: IMap<string, ISet<string>>;
}
const AllocState = Record<AllocFields>({ unsat: IMap(), alloc: IMap() }, "AllocatorState");
type AllocState = ReturnType<typeof AllocState>;

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Every subset of xs (SUBSET Resources), the empty set first. */
function subsets(xs: readonly string[]): ISet<string>[] {
  let out: ISet<string>[] = [ISet()];
  for (const x of xs) out = out.concat(out.map((s) => s.add(x)));
  return out;
}

export default defineSpec({
  name: "simple-allocator",
  constants: {
    CLIENTS: { default: 3, min: 1, doc: "|Clients| (SimpleAllocator.cfg: {c1, c2, c3})" },
    RESOURCES: { default: 2, min: 1, doc: "|Resources| (SimpleAllocator.cfg: {r1, r2})" },
    SPEC: {
      default: "SimpleAllocator",
      values: ["SimpleAllocator", "SimpleAllocator2", "WF"],
      doc: "which fairness: the module's SimpleAllocator, SimpleAllocator2, or WF on Allocate",
    },
  },
  init: ({ CLIENTS }) => {
    const none = IMap(names("c", CLIENTS).map((c): [string, ISet<string>] => [c, ISet()]));
    return [AllocState({ unsat: none, alloc: none })];
  },
  actions: ({ CLIENTS, RESOURCES, SPEC }) => {
    const clients = names("c", CLIENTS);
    const all = subsets(names("r", RESOURCES));
    const available = (s: AllocState) => ISet(names("r", RESOURCES)).subtract(s.alloc.valueSeq().flatMap((a) => a));
    /** Is Return(c, S) the fair return of this SPEC? */
    const fairReturn = (s: AllocState, c: string, S: ISet<string>) =>
      S.equals(s.alloc.get(c)!) && (SPEC !== "SimpleAllocator2" || s.unsat.get(c)!.isEmpty());
    const returns = (s: AllocState, c: string, fair: boolean) =>
      all
        .filter((S) => !S.isEmpty() && S.isSubset(s.alloc.get(c)!) && fairReturn(s, c, S) === fair)
        .map((S) => s.set("alloc", s.alloc.update(c, (a) => a!.subtract(S))));
    const acts: { [name: string]: (s: AllocState) => AllocState[] } = {};
    for (const c of clients) {
      acts[`Request_${c}`] = (s) =>
        s.unsat.get(c)!.isEmpty() && s.alloc.get(c)!.isEmpty()
          ? all.filter((S) => !S.isEmpty()).map((S) => s.set("unsat", s.unsat.set(c, S)))
          : [];
      acts[`Allocate_${c}`] = (s) => {
        const can = available(s).intersect(s.unsat.get(c)!);
        return all
          .filter((S) => !S.isEmpty() && S.isSubset(can))
          .map((S) => s.merge({ alloc: s.alloc.update(c, (a) => a!.union(S)), unsat: s.unsat.update(c, (u) => u!.subtract(S)) }));
      };
      acts[`ReturnAll_${c}`] = (s) => returns(s, c, true);
      acts[`Return_${c}`] = (s) => returns(s, c, false);
    }
    return acts;
  },
  invariants: ({ CLIENTS, RESOURCES }) => {
    const clients = names("c", CLIENTS);
    const res = ISet(names("r", RESOURCES));
    const typed = (m: IMap<string, ISet<string>>) => m.size === clients.length && clients.every((c) => m.has(c) && m.get(c)!.isSubset(res));
    return {
      TypeInvariant: (s: AllocState) => typed(s.unsat) && typed(s.alloc),
      ResourceMutex: (s: AllocState) =>
        clients.every((c1) => clients.every((c2) => c1 === c2 || s.alloc.get(c1)!.intersect(s.alloc.get(c2)!).isEmpty())),
    };
  },
  fairness: ({ CLIENTS, SPEC }): Fairness => {
    const f: { [action: string]: "weak" | "strong" } = {};
    for (const c of names("c", CLIENTS)) {
      f[`ReturnAll_${c}`] = "weak";
      f[`Allocate_${c}`] = SPEC === "WF" ? "weak" : "strong";
    }
    return f;
  },
  properties: ({ CLIENTS, RESOURCES }) => {
    const p: { [name: string]: Property<AllocState> } = {};
    const clients = names("c", CLIENTS);
    for (const c of clients) p[`ClientsWillReturn_${c}`] = leadsTo((s: AllocState) => s.unsat.get(c)!.isEmpty(), (s) => s.alloc.get(c)!.isEmpty());
    for (const c of clients)
      for (const r of names("r", RESOURCES))
        p[`ClientsWillObtain_${c}_${r}`] = leadsTo((s: AllocState) => s.unsat.get(c)!.has(r), (s) => s.alloc.get(c)!.has(r));
    for (const c of clients) p[`InfOftenSatisfied_${c}`] = infinitelyOften((s: AllocState) => s.unsat.get(c)!.isEmpty());
    return p;
  },
});
