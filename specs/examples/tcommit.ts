// TCommit: the abstract Transaction Commit spec of Gray & Lamport ("Consensus on Transaction
// Commit"), ported from tlaplus/Examples specifications/transaction_commit/TCommit.tla with the
// model TCommit.cfg: RM = {r1, r2, r3}, INVARIANTS TCTypeOK TCConsistent, CHECK_DEADLOCK FALSE.
// (The cfg and manifest were read from tlaplus/Examples; the module text from a mirror with the comments stripped,
// LUC-FMitF/FormaLLM data/transaction_commit/tla/TCommit_clean.tla.)
//
// One mc action per disjunct of TCNext (Prepare, and the two halves of Decide), each enumerating
// `\E rm \in RM` in the order r1, r2, ...: TLC computes one successor per enabled (disjunct, rm),
// so the generated-state count is comparable with TLC's. Deadlock checking must be off (the cfg
// says CHECK_DEADLOCK FALSE): every behaviour ends once each RM has committed or aborted.

import { Map as IMap, Record } from "immutable";
import { defineSpec } from "../../src/index.js";

export type RMState = "working" | "prepared" | "committed" | "aborted";

interface TCFields {
  readonly rmState: IMap<string, RMState>;
}

/** One state: rmState[rm] is the state of resource manager rm. */
export const TCState = Record<TCFields>({ rmState: IMap<string, RMState>() }, "TCommitState");
export type TCState = ReturnType<typeof TCState>;

const RM_STATES: ReadonlySet<string> = new Set(["working", "prepared", "committed", "aborted"]);

/** The model values r1..rN standing for the set RM. */
export function rmNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `r${i + 1}`);
}

export default defineSpec({
  name: "tcommit",
  constants: {
    RMs: { default: 3, min: 1, doc: "number of resource managers |RM| (TCommit.cfg: RM = {r1, r2, r3})" },
  },
  init: (c) => [TCState({ rmState: IMap(rmNames(c.RMs).map((rm): [string, RMState] => [rm, "working"])) })],
  actions: (c) => {
    const RM = rmNames(c.RMs);
    const canCommit = (s: TCState) => s.rmState.every((st) => st === "prepared" || st === "committed");
    const notCommitted = (s: TCState) => s.rmState.every((st) => st !== "committed");
    const set = (s: TCState, rm: string, st: RMState) => s.set("rmState", s.rmState.set(rm, st));
    return {
      // Prepare(rm): a working RM prepares.
      Prepare: (s: TCState) => RM.filter((rm) => s.rmState.get(rm) === "working").map((rm) => set(s, rm, "prepared")),
      // Decide(rm), first disjunct: a prepared RM commits once every RM is prepared or committed.
      DecideCommit: (s: TCState) =>
        canCommit(s) ? RM.filter((rm) => s.rmState.get(rm) === "prepared").map((rm) => set(s, rm, "committed")) : null,
      // Decide(rm), second disjunct: a working or prepared RM aborts while no RM has committed.
      DecideAbort: (s: TCState) =>
        notCommitted(s)
          ? RM.filter((rm) => {
              const st = s.rmState.get(rm);
              return st === "working" || st === "prepared";
            }).map((rm) => set(s, rm, "aborted"))
          : null,
    };
  },
  invariants: (c) => {
    const RM = rmNames(c.RMs);
    return {
      TCTypeOK: (s: TCState) =>
        s.rmState.size === RM.length && RM.every((rm) => RM_STATES.has(s.rmState.get(rm) as string)),
      // No RM has aborted while another has committed.
      TCConsistent: (s: TCState) =>
        !(s.rmState.some((st) => st === "aborted") && s.rmState.some((st) => st === "committed")),
    };
  },
});
