// A symmetric spec with a large quotient, for the cost of canonicalisation (bench/symmetry.ts):
// N threads keyed by identity, each a counter modulo K that one parameterised action steps. Its
// orbits are the multisets of counters, C(N+K-1, K-1) of them; without symmetry, K^N states.

import { Map as IMap } from "immutable";
import { defineSpec, ids } from "../../src/index.js";

export default defineSpec({
  name: "sym-counters",
  constants: {
    N: { default: 4, doc: "threads" },
    K: { default: 3, doc: "counter values" },
  },
  symmetry: ({ N }) => ({ Threads: ids("t", N) }),
  init: ({ N }) => [IMap(ids("t", N).map((t) => [t, 0]))],
  actions: ({ N, K }) => ({
    *Step(s: IMap<string, number>) {
      for (const t of ids("t", N)) yield s.set(t, (s.get(t)! + 1) % K);
    },
  }),
  invariants: { Bounded: (s: IMap<string, number>) => s.every((c) => c >= 0) },
});
