// The seen-set shared by all workers: open addressing over a SharedArrayBuffer, lock-free. A slot
// is claimed with a compare-and-swap on its first word and published by its second, so a reader
// that finds the first word waits for the second. The third word names the state's candidate
// number. The least level position that reached a state of the level being expanded, which
// workers agree on with an atomic minimum (the first parent in BFS order: what one worker would
// have recorded), lives in a per-level array by candidate, `parents`: 12 bytes a slot instead of
// 16, and a fresh array each level is only as resident as the level has states.
// Every word here goes once from 0 to its value (the parents only down from there), so a reader
// reads them plainly and waits with an atomic load only on a 0, a word not yet visible
// (`published`): most successors are states already seen, and an atomic load costs about six
// times a plain one.

import { C_CAND, C_PAUSE, type TableRef } from "./protocol.js";

export const SLOT_WORDS = 3;
/** The load at which an insert raises C_PAUSE, for the coordinator to grow the table mid-level. */
const MAX_LOAD = 0.8;

export class SharedSeenSet {
  readonly t: Int32Array;
  /** By level-local candidate: its least parent position + 1 (0 until its first insert writes it). */
  private readonly parents: Int32Array;
  readonly capacity: number;
  /** Candidates (C_CAND) at which an insert raises C_PAUSE. */
  private readonly limit: number;
  private readonly mask: number;
  private readonly shift: number;
  /** After insert(): whether this call inserted the fingerprint. */
  won = false;
  /** After insert() found a state of this level: whether `pos` became its least parent. */
  lowered = false;
  /** After insert(): the state's global candidate number (any level). */
  cand = -1;

  constructor(
    readonly ref: TableRef,
    private readonly ctrl: Int32Array,
  ) {
    this.t = new Int32Array(ref.table);
    this.parents = new Int32Array(ref.parents);
    this.capacity = this.t.length / SLOT_WORDS;
    this.mask = this.capacity - 1;
    this.shift = 32 - Math.log2(this.capacity);
    this.limit = Math.floor(this.capacity * MAX_LOAD);
  }

  /** A table of `capacity` slots, with a parents array for a level whose candidates start at `base`. */
  static allocate(capacity: number, base: number): TableRef {
    return { table: new SharedArrayBuffer(capacity * SLOT_WORDS * 4), parents: parentsFor(capacity, base) };
  }

  /** The same table with a fresh parents array, for the level whose candidates start at `base`. */
  forLevel(base: number): TableRef {
    return { table: this.ref.table, parents: parentsFor(this.capacity, base) };
  }

  private home(hi: number, lo: number): number {
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /** Reads the fingerprint's home slot, so that a later insert() finds it in cache (see SuccessorBatch). */
  touch(hi: number, lo: number): number {
    return this.t[SLOT_WORDS * this.home(hi === 0 ? 1 : hi, lo === 0 ? 1 : lo)]!;
  }

  /**
   * Inserts a fingerprint reached from level position `pos`. Returns the state's level-local
   * candidate number (then `won` says whether this call inserted it), or -1 if it was first
   * reached in an earlier level.
   */
  insert(hi: number, lo: number, pos: number, base: number): number {
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.t;
    let i = this.home(hi, lo);
    for (;;) {
      const j = i * SLOT_WORDS;
      let a = t[j]!;
      if (a === 0) {
        a = Atomics.compareExchange(t, j, 0, hi);
        if (a === 0) {
          const cand = Atomics.add(this.ctrl, C_CAND, 1);
          this.parents[cand - base] = pos + 1;
          t[j + 2] = cand + 1;
          Atomics.store(t, j + 1, lo); // publish last: readers wait for this word
          if (cand + 1 >= this.limit) Atomics.store(this.ctrl, C_PAUSE, 1);
          this.won = true;
          this.cand = cand;
          return cand - base;
        }
      }
      if (a === (hi | 0)) {
        if (published(t, j + 1) === (lo | 0)) {
          this.won = false;
          this.lowered = false;
          this.cand = published(t, j + 2) - 1;
          const local = this.cand - base;
          if (local < 0) return -1;
          const parents = this.parents;
          let cur = published(parents, local);
          // an atomic minimum: a stale (higher) value read above only costs a failed exchange
          while (pos + 1 < cur) {
            const prev = Atomics.compareExchange(parents, local, cur, pos + 1);
            if (prev === cur) {
              this.lowered = true;
              break;
            }
            cur = prev;
          }
          return local;
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Copies every entry into a table of `capacity` slots, and the parents of the level in progress
   * (candidates from `base`) into a parents array to match; only while no worker runs.
   */
  grow(capacity: number, base: number): TableRef {
    const ref = SharedSeenSet.allocate(capacity, base);
    const next = new SharedSeenSet(ref, this.ctrl);
    const t = this.t;
    const nt = next.t;
    const mask = next.mask;
    // (word by word: a subarray an entry made this loop, serial while the workers wait, 3 times as slow)
    for (let j = 0; j < t.length; j += SLOT_WORDS) {
      const hi = t[j]!;
      if (hi === 0) continue;
      const lo = t[j + 1]!;
      let i = next.home(hi, lo);
      while (nt[i * SLOT_WORDS] !== 0) i = (i + 1) & mask;
      const k = i * SLOT_WORDS;
      nt[k] = hi;
      nt[k + 1] = lo;
      nt[k + 2] = t[j + 2]!;
    }
    const m = Math.min(Atomics.load(this.ctrl, C_CAND) - base, this.parents.length);
    if (m > 0) next.parents.set(this.parents.subarray(0, m));
    return ref;
  }

  get bytes(): number {
    return this.t.byteLength;
  }

  /** Per level-local candidate (c - base, for c in [base, base + m)): its least parent position + 1. */
  minParents(m: number): Int32Array {
    return this.parents.subarray(0, m);
  }
}

/** Word i once it is written: read plainly, and waited for with atomic loads while still 0. */
function published(a: Int32Array, i: number): number {
  let v = a[i]!;
  while (v === 0) v = Atomics.load(a, i);
  return v;
}

/**
 * A level's parents array: room for every candidate the table could still take. Its pages are
 * committed only as candidates are written, so the unused tail costs address space, not memory.
 */
function parentsFor(capacity: number, base: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(1, capacity - base) * 4);
}
