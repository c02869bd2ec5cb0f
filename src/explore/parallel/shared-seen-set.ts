// The seen-set shared by all workers: open addressing over a SharedArrayBuffer, lock-free. A slot
// is claimed with a compare-and-swap on its first word and published by its second, so a reader
// that finds the first word waits for the second. The third word names the state's candidate
// number; the fourth holds the least level position that reached it, which workers agree on
// with an atomic minimum (the first parent in BFS order: what one worker would have recorded).
// Keeping it in the slot, not in an array by candidate, saves a cache miss per duplicate.

import { C_CAND, C_LIMIT, C_PAUSE, type TableRef } from "./protocol.js";

export const SLOT_WORDS = 4;

export class SharedSeenSet {
  readonly t: Int32Array;
  readonly capacity: number;
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
    this.capacity = this.t.length / SLOT_WORDS;
    this.mask = this.capacity - 1;
    this.shift = 32 - Math.log2(this.capacity);
  }

  static allocate(capacity: number): TableRef {
    return { table: new SharedArrayBuffer(capacity * SLOT_WORDS * 4) };
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
    const ctrl = this.ctrl;
    let i = this.home(hi, lo);
    for (;;) {
      const j = i * SLOT_WORDS;
      let a = t[j]!;
      if (a === 0) {
        a = Atomics.compareExchange(t, j, 0, hi);
        if (a === 0) {
          const cand = Atomics.add(ctrl, C_CAND, 1);
          Atomics.store(t, j + 3, pos);
          Atomics.store(t, j + 2, cand + 1);
          Atomics.store(t, j + 1, lo); // publish last: readers wait for this word
          if (cand + 1 >= Atomics.load(ctrl, C_LIMIT)) Atomics.store(ctrl, C_PAUSE, 1);
          this.won = true;
          this.cand = cand;
          return cand - base;
        }
      }
      if (a === (hi | 0)) {
        let b = t[j + 1]!;
        while (b === 0) b = Atomics.load(t, j + 1);
        if (b === (lo | 0)) {
          this.won = false;
          this.lowered = false;
          this.cand = Atomics.load(t, j + 2) - 1; // ordered after the read of `lo` above
          const local = this.cand - base;
          if (local < 0) return -1;
          let cur = t[j + 3]!;
          while (pos < cur) {
            const prev = Atomics.compareExchange(t, j + 3, cur, pos);
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

  /** Copies every entry into a table of `capacity` slots; only while no worker runs. */
  grow(capacity: number): TableRef {
    const ref = SharedSeenSet.allocate(capacity);
    const next = new SharedSeenSet(ref, this.ctrl);
    const t = this.t;
    for (let j = 0; j < t.length; j += SLOT_WORDS) {
      const hi = t[j]!;
      if (hi === 0) continue;
      let i = next.home(hi, t[j + 1]!);
      while (next.t[i * SLOT_WORDS] !== 0) i = (i + 1) & next.mask;
      next.t.set(t.subarray(j, j + SLOT_WORDS), i * SLOT_WORDS);
    }
    return ref;
  }

  get bytes(): number {
    return this.t.byteLength;
  }

  /** Per level-local candidate (c - base, for c in [base, base + m)): its least parent position. */
  minParents(base: number, m: number): Int32Array {
    const out = new Int32Array(m);
    const t = this.t;
    for (let j = 0; j < t.length; j += SLOT_WORDS) {
      const c = t[j + 2]! - 1 - base;
      if (c >= 0 && c < m) out[c] = t[j + 3]!;
    }
    return out;
  }
}
