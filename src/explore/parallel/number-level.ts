// After a level of a parallel check: number the level's new states exactly as one worker would
// have (least parent position, then successor ordinal) and apply the one-worker stopping rule;
// the positions of the next level are published as they are written, for the workers to expand.

import { fingerprint, fpHi, fpLo } from "../../fingerprint/hash.js";
import type { ResolvedOptions } from "../options.js";
import type { ActionStats, Stop } from "../search.js";
import type { StateStore } from "../state-store.js";
import { readLen } from "./buffers.js";
import { BLOCK, C_READY, GEN_TERMINAL, REC_WORDS, STEP_WORDS, WIN_WORDS, type DoneMsg } from "./protocol.js";

export interface LevelInput {
  readonly levelSize: number;
  readonly firstId: number;
  readonly depth: number;
  readonly candidates: number;
  /** By level-local candidate: its least parent position + 1 (shared-seen-set.ts). */
  readonly parentOf: Int32Array;
  readonly gen: Int32Array;
  /** With action properties: per position, its first offending step (see LevelMsg.steps). */
  readonly steps?: Int32Array;
  /** With temporal properties: filled with each level-local candidate's new state id. */
  readonly idOf?: Int32Array;
  readonly order: Int32Array;
  /** Where the next level's order is written (two words a new state, room for every candidate). */
  readonly next: Int32Array;
  /**
   * When the next level is already being expanded: the control words where the count of its
   * positions written so far is published (C_READY), a block at a time.
   */
  readonly publish?: Int32Array;
  readonly chunks: Map<number, SharedArrayBuffer>;
  readonly store: StateStore;
  readonly opts: ResolvedOptions;
  readonly generatedBefore: number;
  /** Coverage only: successors per position and action, and the totals to add them to. */
  readonly cov?: Int32Array;
  readonly stats: ActionStats;
  /** Per state constraint, the states outside it so far (added to), and the terminal states. */
  readonly cut: Float64Array;
  readonly terminal: { n: number };
}

/**
 * Numbers a level's new states in one-worker order and applies the one-worker stopping rule:
 * walking parents in position order, each new state in successor order is checked (invariant,
 * --max-states), then the parent itself (deadlock), so a stop lands exactly where it would.
 */
export function numberLevel(dones: readonly DoneMsg[], x: LevelInput): { generated: number; maxDepth: number; stop?: Stop; error?: NonNullable<DoneMsg["error"]>; firstId: number; order: Int32Array } {
  const m = x.candidates;
  const chunkOf = new Int32Array(m);
  const offsetOf = new Int32Array(m);
  const broken = new Int32Array(m);
  const ordOf = new Int32Array(m);
  const actionOf = new Int32Array(m);
  const succOf = new Int32Array(m);
  let error: NonNullable<DoneMsg["error"]> | undefined;
  for (const d of dones) {
    scatterWins(new Int32Array(d.wins), d.winCount, chunkOf, offsetOf, broken);
    scatterRecs(new Int32Array(d.recs), d.recCount, x.parentOf, ordOf, actionOf, succOf);
    if (d.error && (error === undefined || d.error.pos < error.pos)) error = d.error;
  }
  const start = new Int32Array(x.levelSize + 1);
  const sorted = new Int32Array(m);
  sortByParent(x.parentOf, m, x.levelSize, start, sorted);

  // A spec error at a position comes after the successors that position gave before it: they
  // are walked (one may stop the search first, as with one worker), the rest of it is not.
  const limit = error ? error.pos + 1 : x.levelSize;
  let generated = x.generatedBefore;
  let maxDepth = x.depth;
  const next = x.next;
  const publish = x.publish;
  let n = 0;
  const firstId = x.store.size;
  // (no closures in here: under tsx each arrow function made is also named by a call, and this
  // loop runs once per state of the level, serially, while the workers wait)
  for (let p = 0; p < limit; p++) {
    const lo = start[p]!;
    const hi = start[p + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const c = sorted[i]!;
      let j = i;
      while (j > lo && ordOf[sorted[j - 1]!]! > ordOf[c]!) sorted[j] = sorted[--j]!;
      sorted[j] = c;
    }
    // The one-worker order within a parent: a new state is admitted, then its step is checked
    // against the action properties, then the state against the invariants.
    const badOrd = x.steps ? x.steps[STEP_WORDS * p]! - 1 : -1;
    for (let i = lo; i < hi; i++) {
      const c = sorted[i]!;
      if (badOrd >= 0 && ordOf[c]! > badOrd) break;
      const id = x.store.add(x.firstId + p, actionOf[c]!, succOf[c]!);
      if (x.idOf) x.idOf[c] = id;
      maxDepth = x.depth + 1;
      const at = generated + ordOf[c]! + 1;
      if (ordOf[c] === badOrd) {
        count(x, p, badOrd + 1);
        return { generated: at, maxDepth, stop: actionStop(x, p), firstId, order: next.subarray(0, n) };
      }
      if (broken[c]! >= 0 || x.store.size >= x.opts.maxStates) count(x, p, ordOf[c]! + 1);
      if (broken[c]! >= 0) {
        const [h, l] = fingerprintAt(x.chunks, chunkOf[c]!, offsetOf[c]!);
        return { generated: at, maxDepth, stop: { kind: "invariant", invariant: broken[c]!, id, hi: h, lo: l }, firstId, order: next.subarray(0, n) };
      }
      if (x.store.size >= x.opts.maxStates) return { generated: at, maxDepth, stop: { kind: "bounded", reason: `--max-states ${x.opts.maxStates} reached` }, firstId, order: next.subarray(0, n) };
      next[n++] = chunkOf[c]!;
      next[n++] = offsetOf[c]!;
      if (publish !== undefined && ((n >> 1) & (BLOCK - 1)) === 0) {
        Atomics.store(publish, C_READY, n >> 1);
        Atomics.notify(publish, C_READY);
      }
    }
    if (badOrd >= 0) {
      count(x, p, badOrd + 1);
      return { generated: generated + badOrd + 1, maxDepth, stop: actionStop(x, p), firstId, order: next.subarray(0, n) };
    }
    if (error !== undefined && p === error.pos) break;
    count(x, p, Infinity);
    const g = x.gen[p]!;
    if (g === GEN_TERMINAL) x.terminal.n++;
    else if (g < 0) x.cut[-2 - g]!++;
    else generated += g;
    if (g === 0 && x.opts.deadlock) {
      const [h, l] = fingerprintAt(x.chunks, x.order[2 * p]!, x.order[2 * p + 1]!);
      return { generated, maxDepth, stop: { kind: "deadlock", id: x.firstId + p, hi: h, lo: l }, firstId, order: next.subarray(0, n) };
    }
  }
  return { generated, maxDepth, ...(error ? { error } : {}), firstId, order: next.subarray(0, n) };
}

// The loops before the walk are functions of their own: in one function with the walk, V8
// compiled them again at every level (nine times at devpriv P=4 T=8) and ran them unoptimised
// meanwhile, six times slower than they run optimised, while the workers wait.

/** Where each candidate's state was written, and whether it broke an invariant. */
function scatterWins(w: Int32Array, n: number, chunkOf: Int32Array, offsetOf: Int32Array, broken: Int32Array): void {
  for (let i = 0; i < n * WIN_WORDS; i += WIN_WORDS) {
    const c = w[i]!;
    chunkOf[c] = w[i + 1]!;
    offsetOf[c] = w[i + 2]!;
    broken[c] = w[i + 3]!;
  }
}

/** Each candidate's step from its least parent (the records of other parents are passed over). */
function scatterRecs(r: Int32Array, n: number, parentOf: Int32Array, ordOf: Int32Array, actionOf: Int32Array, succOf: Int32Array): void {
  for (let i = 0; i < n * REC_WORDS; i += REC_WORDS) {
    const c = r[i]!;
    if (r[i + 1]! + 1 !== parentOf[c]) continue; // a parent later lowered this state's least parent
    ordOf[c] = r[i + 2]!;
    actionOf[c] = r[i + 3]!;
    succOf[c] = r[i + 4]!;
  }
}

/**
 * Counting sort of the candidates by least parent: parent p's are sorted[start[p] .. start[p + 1]]
 * (the walk then orders each parent's by ordinal).
 */
function sortByParent(parentOf: Int32Array, m: number, levelSize: number, start: Int32Array, sorted: Int32Array): void {
  for (let c = 0; c < m; c++) start[parentOf[c]!]!++;
  for (let p = 0; p < levelSize; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, levelSize);
  for (let c = 0; c < m; c++) sorted[fill[parentOf[c]! - 1]!++] = c;
}

/** Adds parent p's first `budget` successors (in action order) to the coverage totals. */
function count(x: LevelInput, p: number, budget: number): void {
  if (x.cov === undefined) return;
  const actions = x.stats.enabled.length;
  for (let a = 0; a < actions && budget > 0; a++) {
    const k = Math.min(x.cov[p * actions + a]!, budget);
    if (k === 0) continue;
    x.stats.enabled[a]!++;
    x.stats.generated[a]! += k;
    budget -= k;
  }
}

/** The stop at parent p's first step that breaks an action property. */
function actionStop(x: LevelInput, p: number): Stop {
  const [h, l] = fingerprintAt(x.chunks, x.order[2 * p]!, x.order[2 * p + 1]!);
  const w = STEP_WORDS * p;
  return { kind: "action", property: x.steps![w + 1]!, id: x.firstId + p, hi: h, lo: l, action: x.steps![w + 2]!, succ: x.steps![w + 3]! };
}

function fingerprintAt(chunks: Map<number, SharedArrayBuffer>, chunk: number, offset: number): [number, number] {
  const d = new Uint8Array(chunks.get(chunk)!);
  fingerprint(d.slice(offset + 4, offset + 4 + readLen(d, offset)));
  return [fpHi(), fpLo()];
}
