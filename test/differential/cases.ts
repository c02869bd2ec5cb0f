// Disagreements the differential test found, each kept as a named case (they must stay fixed).
import type { SpecDesc } from "./random-spec.js";

const none = (n: number, at: { [i: number]: number[] }): number[][] => Array.from({ length: n }, (_, i) => at[i] ?? []);

export const regressions: readonly { readonly name: string; readonly desc: SpecDesc }[] = [
  {
    // Found with seed 8 before the trace replay expanded canonical states: state 29 is a Set
    // whose insertion order differs from the decoded one, and its "iter" action yields one
    // successor per element in iteration order, so replay took another successor: false MC014.
    name: "an action iterating a Set: the replay numbers successors as the search does (issue 8)",
    desc: {
      n: 35,
      shape: { t: "set", elem: "num", div: 1, mod: 11 },
      init: [0],
      actions: [
        { ret: "iter", succ: none(35, { 29: [28] }) },
        { ret: "one", succ: none(35, { 31: [29], 33: [31] }) },
      ],
      invariants: [[28]],
      deadlock: false,
    },
  },
];
