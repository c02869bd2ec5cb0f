// TwoPhase: the Two-Phase Commit protocol (Gray & Lamport, "Consensus on Transaction Commit"),
// ported from tlaplus/Examples specifications/transaction_commit/TwoPhase.tla with the model
// TwoPhase.cfg: RM = {r1, r2, r3}, INVARIANT TPTypeOK, deadlock checking on (the cfg's default).
//
// Messages are never removed from `msgs`, so receiving one is enabled by its presence; receiving
// it again is a step that may leave the state unchanged (TLC counts such successors as generated,
// and they also keep the final states from being deadlocks). One mc action per disjunct of
// TPNext; the per-RM ones enumerate `\E rm \in RM` in the order r1, r2, ... .
// TCConsistent (from TCommit, which TwoPhase refines) is checked as well; it is not in the cfg
// but holds in every reachable state, so it does not change any count.

import { Map as IMap, Record, Set as ISet } from "immutable";
import { defineSpec } from "../../src/index.js";
import { rmNames, type RMState } from "./tcommit.js";

type TMState = "init" | "committed" | "aborted";

interface MessageFields {
  readonly msgType: "Prepared" | "Commit" | "Abort";
  /** The sender of a "Prepared" message; null for the TM's broadcast "Commit" / "Abort". */
  readonly msgRm: string | null;
}
/** [type |-> "Prepared", rm |-> rm], or [type |-> "Commit"] / [type |-> "Abort"] (msgRm = null). */
export const Message = Record<MessageFields>({ msgType: "Prepared", msgRm: null }, "TwoPhaseMessage");
export type Message = ReturnType<typeof Message>;

interface TPFields {
  readonly rmState: IMap<string, RMState>;
  readonly tmState: TMState;
  /** The RMs from which the TM has received "Prepared" messages. */
  readonly tmPrepared: ISet<string>;
  /** Every message ever sent. */
  readonly msgs: ISet<Message>;
}
export const TPState = Record<TPFields>(
  { rmState: IMap<string, RMState>(), tmState: "init", tmPrepared: ISet<string>(), msgs: ISet<Message>() },
  "TwoPhaseState",
);
export type TPState = ReturnType<typeof TPState>;

const COMMIT = Message({ msgType: "Commit", msgRm: null });
const ABORT = Message({ msgType: "Abort", msgRm: null });
const prepared = (rm: string): Message => Message({ msgType: "Prepared", msgRm: rm });

const RM_STATES: ReadonlySet<string> = new Set(["working", "prepared", "committed", "aborted"]);
const TM_STATES: ReadonlySet<string> = new Set(["init", "committed", "aborted"]);

export default defineSpec({
  name: "twophase",
  constants: {
    RMs: {
      default: 3,
      min: 1,
      doc: "number of resource managers |RM| (TwoPhase.cfg: RM = {r1, r2, r3}; the module's closing comment reports 6 RMs)",
    },
  },
  init: (c) => [
    TPState({
      rmState: IMap(rmNames(c.RMs).map((rm): [string, RMState] => [rm, "working"])),
      tmState: "init",
      tmPrepared: ISet<string>(),
      msgs: ISet<Message>(),
    }),
  ],
  actions: (c) => {
    const RM = rmNames(c.RMs);
    const setRM = (s: TPState, rm: string, st: RMState) => s.set("rmState", s.rmState.set(rm, st));
    return {
      // The TM commits once every RM has sent "Prepared".
      TMCommit: (s: TPState) =>
        s.tmState === "init" && s.tmPrepared.size === RM.length
          ? s.merge({ tmState: "committed", msgs: s.msgs.add(COMMIT) })
          : null,
      // The TM spontaneously aborts.
      TMAbort: (s: TPState) => (s.tmState === "init" ? s.merge({ tmState: "aborted", msgs: s.msgs.add(ABORT) }) : null),
      // The TM receives a "Prepared" message from rm.
      TMRcvPrepared: (s: TPState) =>
        s.tmState === "init"
          ? RM.filter((rm) => s.msgs.has(prepared(rm))).map((rm) => s.set("tmPrepared", s.tmPrepared.add(rm)))
          : null,
      // rm prepares and tells the TM.
      RMPrepare: (s: TPState) =>
        RM.filter((rm) => s.rmState.get(rm) === "working").map((rm) =>
          setRM(s, rm, "prepared").set("msgs", s.msgs.add(prepared(rm))),
        ),
      // rm spontaneously aborts (sending nothing, in this simplified spec).
      RMChooseToAbort: (s: TPState) =>
        RM.filter((rm) => s.rmState.get(rm) === "working").map((rm) => setRM(s, rm, "aborted")),
      // rm is told by the TM to commit.
      RMRcvCommitMsg: (s: TPState) => (s.msgs.has(COMMIT) ? RM.map((rm) => setRM(s, rm, "committed")) : null),
      // rm is told by the TM to abort.
      RMRcvAbortMsg: (s: TPState) => (s.msgs.has(ABORT) ? RM.map((rm) => setRM(s, rm, "aborted")) : null),
    };
  },
  invariants: (c) => {
    const RM = rmNames(c.RMs);
    const rmSet = new Set(RM);
    const isMessage = (m: Message) =>
      m.msgType === "Prepared"
        ? m.msgRm !== null && rmSet.has(m.msgRm)
        : (m.msgType === "Commit" || m.msgType === "Abort") && m.msgRm === null;
    return {
      TPTypeOK: (s: TPState) =>
        s.rmState.size === RM.length &&
        RM.every((rm) => RM_STATES.has(s.rmState.get(rm) as string)) &&
        TM_STATES.has(s.tmState) &&
        s.tmPrepared.every((rm) => rmSet.has(rm)) &&
        s.msgs.every(isMessage),
      TCConsistent: (s: TPState) =>
        !(s.rmState.some((st) => st === "aborted") && s.rmState.some((st) => st === "committed")),
    };
  },
});
