// LiveHourClock (Lamport, Specifying Systems §8.1), ported from tlaplus/Examples
// specifications/SpecifyingSystems/Liveness/LiveHourClock.tla (which EXTENDS HourClock.tla of the
// same folder) with the model LiveHourClock.cfg: SPECIFICATION LSpec == HC /\ WF_hr(HCnxt),
// PROPERTIES AlwaysTick AllTimes TypeInvariance.
//
// AllTimes == \A n \in 1..12 : []<>(hr = n) is one property per hour (AllTimes1..AllTimes12).
// TypeInvariance == []HCini is an invariant. AlwaysTick == []<><<HCnxt>>_hr is a temporal formula
// over steps, which mc's properties (over states) cannot state; it follows from AllTimes, since
// every step that changes hr is an HCnxt step. FAIR = "none" checks HC alone, without WF_hr(HCnxt):
// TLC then reports AllTimes violated by stuttering in the initial state.

import { defineSpec, infinitelyOften, type Fairness, type Property } from "../../src/index.js";

export default defineSpec({
  name: "live-hour-clock",
  constants: {
    FAIR: { default: "wf", values: ["wf", "none"], doc: "wf: LSpec (HC /\\ WF_hr(HCnxt)); none: HC alone" },
  },
  // HCini == hr \in 1..12
  init: Array.from({ length: 12 }, (_, i) => i + 1),
  actions: { HCnxt: (hr: number) => (hr !== 12 ? hr + 1 : 1) },
  invariants: { TypeInvariance: (hr: number) => Number.isInteger(hr) && hr >= 1 && hr <= 12 },
  fairness: ({ FAIR }): Fairness => (FAIR === "wf" ? { HCnxt: "weak" } : {}),
  properties: () => {
    const p: { [name: string]: Property<number> } = {};
    for (let n = 1; n <= 12; n++) p[`AllTimes${n}`] = infinitelyOften((hr: number) => hr === n);
    return p;
  },
});
