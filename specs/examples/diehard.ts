// The Die Hard jugs puzzle (get 4 gallons with a 3- and a 5-gallon jug), ported from
// tlaplus/Examples specifications/DieHard/DieHard.tla, whose model checks INVARIANTS TypeOK NotSolved:
// NotSolved (big # 4) is meant to FAIL, and TLC's BFS counterexample is the shortest solution.
//
// Constant NotSolved (default true) keeps that invariant, as in the original model: a BFS check
// stops at the first violation, with a 7-state trace (6 pours). With NotSolved = false only
// TypeOK is checked and the whole reachable space is explored. Deadlock checking stays on:
// every state can always fill or empty a jug.

import { Record } from "immutable";
import { defineSpec } from "../../src/index.js";

interface JugsFields {
  /** Gallons in the 5-gallon jug. */
  readonly big: number;
  /** Gallons in the 3-gallon jug. */
  readonly small: number;
}
export const Jugs = Record<JugsFields>({ big: 0, small: 0 }, "DieHardJugs");
export type Jugs = ReturnType<typeof Jugs>;

export default defineSpec({
  name: "diehard",
  constants: {
    NotSolved: { default: true, doc: "check the NotSolved invariant (big # 4), expected to fail, as DieHard's model does" },
  },
  init: [Jugs({ big: 0, small: 0 })],
  actions: {
    FillSmallJug: (s: Jugs) => s.set("small", 3),
    FillBigJug: (s: Jugs) => s.set("big", 5),
    EmptySmallJug: (s: Jugs) => s.set("small", 0),
    EmptyBigJug: (s: Jugs) => s.set("big", 0),
    // Pour until the big jug is full or the small one empty.
    SmallToBig: (s: Jugs) => {
      const big = Math.min(s.big + s.small, 5);
      return Jugs({ big, small: s.small - (big - s.big) });
    },
    // Pour until the small jug is full or the big one empty.
    BigToSmall: (s: Jugs) => {
      const small = Math.min(s.big + s.small, 3);
      return Jugs({ big: s.big - (small - s.small), small });
    },
  },
  invariants: (c) => ({
    TypeOK: (s: Jugs) => Number.isInteger(s.small) && s.small >= 0 && s.small <= 3 && Number.isInteger(s.big) && s.big >= 0 && s.big <= 5,
    ...(c.NotSolved ? { NotSolved: (s: Jugs) => s.big !== 4 } : {}),
  }),
});
