// What the coordinator and the workers share: the control words in one SharedArrayBuffer and
// the messages they exchange at level boundaries. BFS stays level by level; within a level the
// workers pull blocks of positions from a shared cursor.

import type { Selection } from "../../model/select.js";
import type { StoreChunk } from "../state-store.js";
import type { Thrown } from "../../result/errors.js";

/**
 * Indices into the shared control Int32Array. The words every insert writes and the words every
 * expansion only reads sit 64 bytes apart, so the counters' cache line does not bounce into
 * the readers' one.
 */
export const C_CAND = 0; // fingerprints inserted so far, in the order of insertion: candidate numbers
export const C_CURSOR = 16; // next level position to hand out (after the search: next sample position of the symmetry check)
export const C_REACH_FAIL = 17; // after the search: the least sample position whose symmetry check failed so far
export const C_PAUSE = 32; // 1 while the seen-set must grow
/** Successors generated in the level so far, added a block at a time: for progress reports only. */
export const C_GEN = 48;
/**
 * The level's positions numbered so far, and its size once known (-1 before). A level is sent
 * while the coordinator is still numbering it (number-level.ts publishes as it goes), so a
 * worker expands position p once p < C_READY, and the level ends at C_SIZE.
 */
export const C_READY = 64;
export const C_SIZE = 65;
export const CTRL_WORDS = 80;

/** Level positions a worker takes from the cursor at a time. */
export const BLOCK = 64;

export interface TableRef {
  readonly table: SharedArrayBuffer; // 3 Int32 words a slot: hi, lo, candidate + 1
  readonly parents: SharedArrayBuffer; // Int32 by level-local candidate: its least parent position
}

/** What a worker boots with: only the spec's file, so it can start loading before a check. */
export interface WorkerData {
  readonly file: string;
}

/** Sent once the check starts: what the worker needs to compile the model and take part. */
export interface InitMsg {
  readonly type: "init";
  readonly constants: { readonly [k: string]: string | number | boolean };
  /** Whether the coordinator's model reduces by symmetry (--no-symmetry: false). */
  readonly symmetry: boolean;
  /** The invariants and properties the run checks (--invariant/--property), null for all. */
  readonly select: Selection | null;
  /** This worker's participant index, and the number of chunk-writing threads. */
  readonly index: number;
  readonly threads: number;
  readonly ctrl: SharedArrayBuffer;
}

export interface LevelMsg {
  readonly type: "level";
  /** Every thread runs a full collection first (see collect-garbage.ts). */
  readonly gc: boolean;
  readonly firstId: number;
  /** C_CAND at the level's start: candidate c is level-local c - base. */
  readonly base: number;
  /**
   * Per position: the chunk id and byte offset of the state's [len u32][bytes]. The level's size
   * and how much of this is written yet are C_SIZE and C_READY; this and the arrays below have
   * room for every position the level can have.
   */
  readonly order: SharedArrayBuffer;
  /**
   * Per position: how many successors the state had (written by the worker expanding it), or
   * GEN_TERMINAL (none, and the spec calls it terminal), or genOutside(c) (outside constraint c).
   */
  readonly gen: SharedArrayBuffer;
  /**
   * With action properties, STEP_WORDS per position: its first state-changing step that breaks
   * one (ordinal + 1, or 0 for none; property; action; successor index).
   */
  readonly steps?: SharedArrayBuffer;
  /** With temporal properties, the state graph's per-position flag words (GRAPH: see graph-level.ts). */
  readonly flags?: SharedArrayBuffer;
  /** Every chunk the level's states are in (a participant may have joined at this level). */
  readonly chunks: readonly (readonly [number, SharedArrayBuffer])[];
  readonly table: TableRef;
  /** The parent links' chunks, with room for the level's own ids (written as they are numbered). */
  readonly store: readonly StoreChunk[];
  /** Coverage only: per position and action, how many successors (positions × actions Int32). */
  readonly cov?: SharedArrayBuffer;
}

export interface ResumeMsg {
  readonly type: "resume";
  readonly table: TableRef;
}

/** After the search, with symmetry: check a share of the reached states (reach-share.ts). */
export interface ReachMsg {
  readonly type: "reach";
  /** Int32 state ids, the sample in order (symmetry-reach.ts's reachSample). */
  readonly ids: SharedArrayBuffer;
  readonly store: readonly StoreChunk[];
  /** Representatives' bytes (as latin1 keys) the check before the search did. */
  readonly before: readonly string[];
}

/** A mismatch in the check after the search: the sample position, and the error it raised. */
export interface ReachFail extends Thrown {
  readonly i: number;
}

export type ToWorker = InitMsg | LevelMsg | ResumeMsg | ReachMsg | { readonly type: "exit" };

/** A worker's output for one level. */
export interface DoneMsg {
  readonly type: "done";
  /** Int32 records: candidate (level-local), parent position, ordinal, action, successor index. */
  readonly recs: ArrayBuffer;
  readonly recCount: number;
  /** Int32 records: candidate (level-local), chunk id, offset, broken invariant or -1. */
  readonly wins: ArrayBuffer;
  readonly winCount: number;
  /** With temporal properties: Int32 records per state-changing step: position, global candidate, action, successor index. */
  readonly edges?: ArrayBuffer;
  readonly edgeCount?: number;
  readonly chunks: readonly (readonly [number, SharedArrayBuffer])[];
  /** Per action over this participant's share of the level: states it was enabled in, successors. */
  readonly enabled: Float64Array;
  readonly generatedBy: Float64Array;
  readonly error?: Thrown & { readonly pos: number };
}

export type FromWorker = DoneMsg | { readonly type: "reached"; readonly fail?: ReachFail } | { readonly type: "paused" } | { readonly type: "ready" } | ({ readonly type: "fatal" } & Thrown);

export const REC_WORDS = 5;
export const STEP_WORDS = 4;
export const EDGE_WORDS = 4;
export const WIN_WORDS = 4;

/** A level position with no successor that the spec declares terminal: not a deadlock. */
export const GEN_TERMINAL = -1;
/** The gen word of a position outside state constraint `c` (not expanded); c = -2 - word. */
export const genOutside = (c: number): number => -2 - c;
