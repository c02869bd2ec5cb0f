// The set of fingerprints already seen: open addressing with linear probing over one Int32Array
// of (hi, lo) word pairs. No JS Set (it stops at 2^24 entries), no BigInt, 8 bytes a slot.
// A zero word marks an empty (or, in the shared set, unpublished) slot, so a zero half is
// stored as 1: both sets do this, so that one and many workers see exactly the same states.
// It grows by 1.25x at 80% load rather than doubling at 70%: the table is the largest block of
// a sequential search, and doubling leaves it up to 2.9x larger than its contents (measured on
// devpriv P=5 T=8: 50 MiB instead of 64 MiB, and 90 MiB instead of 96 MiB while it grows).

const MAX_LOAD = 0.8;
const GROWTH = 1.25;
const TWO32 = 4294967296;

export class SeenSet {
  private table: Int32Array;
  private capacity: number;
  private limit: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    this.capacity = Math.max(16, Math.floor(capacity));
    this.table = new Int32Array(this.capacity * 2);
    this.limit = Math.floor(this.capacity * MAX_LOAD);
  }

  /** The home slot: a multiplicative hash of both words mapped onto [0, capacity) by a multiply
   * (exact in doubles up to 2^21 slots; beyond, rounding cannot reach `capacity`), so even
   * fingerprints that differ only in a few bits (as in tests) spread over the whole table. */
  private home(hi: number, lo: number): number {
    return Math.floor(((Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 0) * this.capacity) / TWO32);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Adds the fingerprint; true if it was not there before. */
  add(hi: number, lo: number): boolean {
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.table;
    const cap = this.capacity;
    let i = this.home(hi, lo);
    for (;;) {
      const h = t[2 * i]!;
      const l = t[2 * i + 1]!;
      if (h === 0 && l === 0) break;
      if (h === (hi | 0) && l === (lo | 0)) return false;
      if (++i === cap) i = 0;
    }
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    if (++this.size > this.limit) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    const cap = Math.ceil(this.capacity * GROWTH);
    this.table = new Int32Array(cap * 2);
    this.capacity = cap;
    this.limit = Math.floor(cap * MAX_LOAD);
    const t = this.table;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = this.home(hi, lo);
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) if (++i === cap) i = 0;
      t[2 * i] = hi;
      t[2 * i + 1] = lo;
    }
  }
}
