// The cluster's subjects and control messages (JSON; the data messages are bytes, wire.ts).
// Subjects are named by run and owner; each data message carries its level and attempt, so a
// message of an abandoned attempt is dropped wherever it arrives.

export function subjects(run: string) {
  const p = `mc.${run}`;
  return {
    join: `${p}.join`,
    ctl: `${p}.ctl`,
    hb: `${p}.hb`,
    report: `${p}.report`,
    data: (owner: number) => `${p}.data.${owner}`,
    rpc: (owner: number) => `${p}.rpc.${owner}`,
  };
}

/** The owner of a fingerprint: its low word modulo the number of workers. */
export function ownerOf(lo: number, nodes: number): number {
  return (lo >>> 0) % nodes;
}

export interface JoinMsg {
  readonly type: "join";
  readonly index: number;
  readonly nodes: number;
  /** sha256 of the spec's source and the resolved constants and checks (see check-cluster.ts). */
  readonly hash: string;
  /** What the hash covers, in words, for the mismatch message. */
  readonly describe: string;
  readonly host: string;
  readonly pid: number;
  /** The worker keeps checkpoints, so it can rejoin a run after a restart. */
  readonly checkpoints: boolean;
}

export type CtlMsg =
  | { readonly type: "welcome"; readonly index: number }
  | { readonly type: "reject"; readonly index: number; readonly code: string; readonly message: string }
  /** Expand the states of depth `level` (0: make the initial states); `attempt` grows with every start. */
  | { readonly type: "level"; readonly level: number; readonly attempt: number }
  /** Every heartbeat repeats the level in progress, so a worker that missed its start (a lost message) catches up. */
  | { readonly type: "hb"; readonly level: number; readonly attempt: number }
  | { readonly type: "done" }
  | { readonly type: "abort"; readonly code: string; readonly message: string };

/** The first event of a worker's share of a level, in the one-machine order (by `key`). */
export interface LevelEvent {
  /** Hex of the path key: a child's key, or a parent's key with AFTER_CHILDREN appended. */
  readonly key: string;
  /** Hex of the parent's path key (empty for an initial state). */
  readonly parentKey: string;
  readonly kind: "invariant" | "deadlock" | "error";
  readonly invariant: number;
  /** The state's fingerprint (the new state's, or the deadlocked parent's). */
  readonly hi: number;
  readonly lo: number;
  /** For an invariant: the child's ordinal among its parent's successors. */
  readonly ord: number;
  readonly code?: string;
  readonly message?: string;
}

export interface ReportMsg {
  readonly type: "report";
  readonly index: number;
  readonly level: number;
  readonly attempt: number;
  readonly newStates: number;
  readonly generated: number;
  readonly enabled: number[];
  readonly generatedBy: number[];
  readonly event: LevelEvent | null;
  readonly sent: { readonly msgs: number; readonly bytes: number };
  readonly rssBytes: number;
}

export interface HeartbeatMsg {
  readonly index: number;
  readonly reconnected?: boolean;
  /** The worker failed and is leaving the run: why (the coordinator ends the run with it). */
  readonly fatal?: { readonly code: string; readonly message: string };
}

export type RpcMsg = { readonly type: "parent"; readonly hi: number; readonly lo: number } | { readonly type: "count"; readonly parentKey: string; readonly key: string };

export type ParentReply = { readonly found: false } | { readonly found: true; readonly init: number; readonly phi: number; readonly plo: number; readonly action: number; readonly succ: number };

export interface CountReply {
  readonly distinct: number;
  readonly generated: number;
}

const te = new TextEncoder();
const td = new TextDecoder();
export const json = (v: unknown): Uint8Array => te.encode(JSON.stringify(v));
export const parse = <T>(b: Uint8Array): T => JSON.parse(td.decode(b)) as T;
