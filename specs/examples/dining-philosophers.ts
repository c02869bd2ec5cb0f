// DiningPhilosophers (Chandy–Misra forks), ported from tlaplus/Examples
// specifications/DiningPhilosophers/DiningPhilosophers.tla with the model DiningPhilosophers.cfg:
// NP = 5, INVARIANTS TypeOK ExclusiveAccess, PROPERTY NobodyStarves, deadlock checking on.
//
// The PlusCal translation's Spec is `\A self \in 1..NP : WF_vars(Philosopher(self))`, where
// Philosopher(self) == Loop(self) \/ Think(self) \/ Eat(self). Fairness is per process, so here
// each philosopher is one mc action (`Philosopher1`..`PhilosopherNP`) whose one successor is
// the step its pc selects; the Loop step that changes nothing is a stutter (TLC counts it as
// generated, and it is never "enabled" for fairness). NobodyStarves == \A p : []<>(~hungry[p])
// is one property per philosopher. FAIR = "none" drops the fairness (Init /\ [][Next]_vars):
// TLC then reports a stuttering counterexample.

import { List, Record } from "immutable";
import { defineSpec, infinitelyOften, type Fairness, type Property } from "../../src/index.js";

type Pc = "Loop" | "Eat" | "Think";
const Fork = Record({ holder: 1, clean: false }, "Fork");
type Fork = ReturnType<typeof Fork>;
interface DPFields {
  /** forks[f - 1] is fork f. */
  readonly forks: List<Fork>;
  /** hungry[p - 1], pc[p - 1] belong to philosopher p. */
  readonly hungry: List<boolean>;
  readonly pc: List<Pc>;
}
const DPState = Record<DPFields>({ forks: List(), hungry: List(), pc: List() }, "DiningState");
type DPState = ReturnType<typeof DPState>;

export default defineSpec({
  name: "dining-philosophers",
  constants: {
    NP: { default: 5, min: 1, doc: "number of philosophers (DiningPhilosophers.cfg: NP = 5)" },
    FAIR: { default: "wf", values: ["wf", "none"], doc: "wf: WF_vars(Philosopher(p)) for every p, as Spec; none: no fairness" },
  },
  init: ({ NP }) => [
    DPState({
      forks: List(Array.from({ length: NP }, (_, i) => Fork({ holder: i + 1 === 2 ? 1 : i + 1, clean: false }))),
      hungry: List(Array.from({ length: NP }, () => true)),
      pc: List(Array.from({ length: NP }, (): Pc => "Loop")),
    }),
  ],
  actions: ({ NP }) => {
    const left = (p: number) => p;
    const right = (p: number) => (p === NP ? 1 : p + 1);
    const leftPhil = (p: number) => (p === 1 ? NP : p - 1);
    const rightPhil = (p: number) => (p === NP ? 1 : p + 1);
    const fork = (s: DPState, f: number) => s.forks.get(f - 1)!;
    const canEat = (s: DPState, p: number) =>
      fork(s, left(p)).holder === p && fork(s, right(p)).holder === p && fork(s, left(p)).clean && fork(s, right(p)).clean;
    const philosopher = (p: number) => (s: DPState): DPState => {
      const i = p - 1;
      switch (s.pc.get(i)) {
        case "Loop": {
          // hand a dirty fork (left first) to the neighbour, cleaned; then eat, think or loop
          let forks = s.forks;
          const l = fork(s, left(p));
          const r = fork(s, right(p));
          if (l.holder === p && !l.clean) forks = forks.set(left(p) - 1, Fork({ holder: leftPhil(p), clean: true }));
          else if (r.holder === p && !r.clean) forks = forks.set(right(p) - 1, Fork({ holder: rightPhil(p), clean: true }));
          const pc: Pc = s.hungry.get(i) ? (canEat(s, p) ? "Eat" : "Loop") : "Think";
          return s.set("forks", forks).set("pc", s.pc.set(i, pc));
        }
        case "Think":
          return s.set("hungry", s.hungry.set(i, true)).set("pc", s.pc.set(i, "Loop"));
        default: {
          const forks = s.forks
            .update(left(p) - 1, (f) => f!.set("clean", false))
            .update(right(p) - 1, (f) => f!.set("clean", false));
          return s.merge({ hungry: s.hungry.set(i, false), forks, pc: s.pc.set(i, "Loop") });
        }
      }
    };
    return Object.fromEntries(Array.from({ length: NP }, (_, i) => [`Philosopher${i + 1}`, philosopher(i + 1)]));
  },
  invariants: ({ NP }) => {
    const shareFork = (p: number, q: number) => {
      const fs = (x: number) => [x, x === NP ? 1 : x + 1];
      return fs(p).some((f) => fs(q).includes(f));
    };
    return {
      TypeOK: (s: DPState) =>
        s.forks.size === NP &&
        s.forks.every((f) => Number.isInteger(f.holder) && f.holder >= 1 && f.holder <= NP && typeof f.clean === "boolean") &&
        s.hungry.size === NP &&
        s.pc.size === NP &&
        s.pc.every((pc) => pc === "Loop" || pc === "Eat" || pc === "Think"),
      ExclusiveAccess: (s: DPState) => {
        for (let p = 1; p <= NP; p++)
          for (let q = 1; q <= NP; q++)
            if (p !== q && shareFork(p, q) && s.pc.get(p - 1) === "Eat" && s.pc.get(q - 1) === "Eat") return false;
        return true;
      },
    };
  },
  fairness: ({ NP, FAIR }): Fairness =>
    FAIR === "none" ? {} : Object.fromEntries(Array.from({ length: NP }, (_, i) => [`Philosopher${i + 1}`, "weak" as const])),
  properties: ({ NP }) => {
    const props: { [name: string]: Property<DPState> } = {};
    for (let p = 1; p <= NP; p++) props[`NobodyStarves${p}`] = infinitelyOften((s: DPState) => !s.hungry.get(p - 1));
    return props;
  },
});
