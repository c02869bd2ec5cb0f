// SyncTerminationDetection: the abstract termination-detection spec that EWD840 refines, ported
// from tlaplus/Examples specifications/ewd840/SyncTerminationDetection.tla with the model
// SyncTerminationDetection.cfg: N = 7, INVARIANTS TypeOK TDCorrect, PROPERTIES Quiescence Liveness.
//
// Spec == Init /\ [][Next]_vars /\ WF_vars(DetectTermination). Liveness == terminated ~>
// terminationDetected. Quiescence == [](terminated => []terminated) is a property of steps
// (every step from a terminated state stays terminated), stated as an action property.
// Every reachable state is initial (2^N activity vectors, and the all-passive one with
// terminationDetected either way), so TLC reports 129 distinct states at depth 1.

import { List, Record } from "immutable";
import { defineSpec, leadsTo, type Fairness } from "../../src/index.js";

interface TDFields {
  readonly active: List<boolean>;
  readonly terminationDetected: boolean;
}
const TDState = Record<TDFields>({ active: List(), terminationDetected: false }, "SyncTDState");
type TDState = ReturnType<typeof TDState>;

const terminated = (s: TDState) => s.active.every((a) => !a);

export default defineSpec({
  name: "sync-termination-detection",
  constants: {
    N: { default: 7, min: 1, doc: "number of nodes (SyncTerminationDetection.cfg: N = 7)" },
    FAIR: { default: "wf", values: ["wf", "none"], doc: "wf: WF_vars(DetectTermination), as Spec; none: no fairness" },
  },
  init: ({ N }) => {
    let vectors: List<boolean>[] = [List()];
    for (let i = 0; i < N; i++) vectors = vectors.flatMap((l) => [l.push(false), l.push(true)]);
    const out: TDState[] = [];
    for (const active of vectors) {
      // terminationDetected \in {FALSE, terminated}
      out.push(TDState({ active, terminationDetected: false }));
      if (active.every((a) => !a)) out.push(TDState({ active, terminationDetected: true }));
    }
    return out;
  },
  actions: ({ N }) => ({
    // active[i], i passive; terminationDetected' \in {terminationDetected, terminated'}
    Terminate: function* (s: TDState) {
      for (let i = 0; i < N; i++) {
        if (!s.active.get(i)) continue;
        const t = s.set("active", s.active.set(i, false));
        yield t;
        if (terminated(t) !== s.terminationDetected) yield t.set("terminationDetected", terminated(t));
      }
    },
    Wakeup: function* (s: TDState) {
      for (let i = 0; i < N; i++) if (s.active.get(i)) for (let j = 0; j < N; j++) yield s.set("active", s.active.set(j, true));
    },
    DetectTermination: (s: TDState) => (terminated(s) ? s.set("terminationDetected", true) : null),
  }),
  invariants: ({ N }) => ({
    TypeOK: (s: TDState) => s.active.size === N && typeof s.terminationDetected === "boolean",
    TDCorrect: (s: TDState) => !s.terminationDetected || terminated(s),
  }),
  fairness: ({ FAIR }): Fairness => (FAIR === "wf" ? { DetectTermination: "weak" } : {}),
  properties: { Liveness: leadsTo(terminated, (s: TDState) => s.terminationDetected) },
  actionProperties: { Quiescence: (before: TDState, after: TDState) => !terminated(before) || terminated(after) },
});
