// EWD840: Dijkstra, Feijen and van Gasteren's termination detection on a ring, ported from
// tlaplus/Examples specifications/ewd840/EWD840.tla with the model EWD840.cfg: N = 3,
// CHECK_DEADLOCK FALSE, INVARIANTS TypeOK TerminationDetection Inv, PROPERTIES Liveness TDSpec.
//
// Spec == Init /\ [][Next]_vars /\ WF_vars(System), System == InitiateProbe \/ \E i : PassToken(i):
// the token-passing steps are one mc action `System` (fairness names it), the environment's
// SendMsg and Deactivate one action each, enumerating i (and j) in the order 0, 1, ...
// Liveness == terminated ~> terminationDetected. TDSpec (refinement of SyncTerminationDetection)
// is not a state property and is not ported; specs/examples/sync-termination-detection.ts is
// that module. FAIR = "none" drops WF_vars(System): termination is then never detected in a
// behaviour that stutters once every node is passive (TLC: a stuttering counterexample).

import { List, Record } from "immutable";
import { defineSpec, leadsTo, type Fairness } from "../../src/index.js";

type Color = "white" | "black";
interface EWDFields {
  readonly active: List<boolean>;
  readonly color: List<Color>;
  readonly tpos: number;
  readonly tcolor: Color;
}
const EWDState = Record<EWDFields>({ active: List(), color: List(), tpos: 0, tcolor: "black" }, "EWD840State");
type EWDState = ReturnType<typeof EWDState>;

/** Every function from 0..n-1 to values, as Lists. */
function functions<V>(n: number, values: readonly V[]): List<V>[] {
  let out: List<V>[] = [List()];
  for (let i = 0; i < n; i++) out = out.flatMap((l) => values.map((v) => l.push(v)));
  return out;
}

const terminated = (s: EWDState) => s.active.every((a) => !a);
const terminationDetected = (s: EWDState) => s.tpos === 0 && s.tcolor === "white" && s.color.get(0) === "white" && !s.active.get(0);

export default defineSpec({
  name: "ewd840",
  constants: {
    N: { default: 3, min: 1, doc: "number of nodes (EWD840.cfg: N = 3)" },
    FAIR: { default: "wf", values: ["wf", "none"], doc: "wf: WF_vars(System), as Spec; none: no fairness" },
  },
  init: ({ N }) => {
    const out: EWDState[] = [];
    for (const active of functions(N, [false, true]))
      for (const color of functions<Color>(N, ["white", "black"]))
        for (let tpos = 0; tpos < N; tpos++) out.push(EWDState({ active, color, tpos, tcolor: "black" }));
    return out;
  },
  actions: ({ N }) => ({
    // InitiateProbe \/ \E i \in Node \ {0} : PassToken(i). TLC evaluates a disjunction in an
    // action as alternatives, one successor per true disjunct of the guard, so the same
    // successor is generated once per true disjunct; that is what its generated count counts.
    System: (s: EWDState) => {
      if (s.tpos === 0) {
        const t = s.merge({ tpos: N - 1, tcolor: "white", color: s.color.set(0, "white") });
        return [s.tcolor === "black", s.color.get(0) === "black"].filter(Boolean).map(() => t);
      }
      const i = s.tpos;
      const t = s.merge({ tpos: i - 1, tcolor: s.color.get(i) === "black" ? "black" : s.tcolor, color: s.color.set(i, "white") });
      return [!s.active.get(i), s.color.get(i) === "black", s.tcolor === "black"].filter(Boolean).map(() => t);
    },
    SendMsg: function* (s: EWDState) {
      for (let i = 0; i < N; i++) {
        if (!s.active.get(i)) continue;
        for (let j = 0; j < N; j++)
          if (j !== i) yield s.merge({ active: s.active.set(j, true), color: j > i ? s.color.set(i, "black") : s.color });
      }
    },
    Deactivate: (s: EWDState) =>
      Array.from({ length: N }, (_, i) => i).filter((i) => s.active.get(i)).map((i) => s.set("active", s.active.set(i, false))),
  }),
  invariants: ({ N }) => ({
    TypeOK: (s: EWDState) =>
      s.active.size === N && s.color.size === N && Number.isInteger(s.tpos) && s.tpos >= 0 && s.tpos < N &&
      (s.tcolor === "white" || s.tcolor === "black"),
    TerminationDetection: (s: EWDState) => !terminationDetected(s) || terminated(s),
    // Dijkstra's inductive invariant: P0 \/ P1 \/ P2
    Inv: (s: EWDState) =>
      s.active.every((a, i) => !(s.tpos < i) || !a) ||
      s.color.some((c, j) => j <= s.tpos && c === "black") ||
      s.tcolor === "black",
  }),
  fairness: ({ FAIR }): Fairness => (FAIR === "wf" ? { System: "weak" } : {}),
  properties: { Liveness: leadsTo(terminated, terminationDetected) },
});
