// The set of fingerprints already seen: open addressing with linear probing over one Int32Array
// of (hi, lo) word pairs. No JS Set (it stops at 2^24 entries), no BigInt, ~8 bytes a slot.
// A zero word marks an empty (or, in the shared set, unpublished) slot, so a zero half is
// stored as 1: both sets do this, so that one and many workers see exactly the same states.
// A search that builds the state graph (temporal properties) keeps a third word, the state's id,
// so that a step into a state already seen still learns its id and becomes an edge: 12 bytes.

const MAX_LOAD = 0.7;

export class SeenSet {
  private table: Int32Array;
  private mask: number;
  private shift: number;
  /** Words a slot: 2, or 3 with ids. */
  private readonly stride: number;
  size = 0;
  /** With ids, after add() returned false: the id of the state that was already there. */
  id = -1;

  constructor(capacityPow2 = 1 << 16, withIds = false) {
    this.stride = withIds ? 3 : 2;
    this.table = new Int32Array(capacityPow2 * this.stride);
    this.mask = capacityPow2 - 1;
    this.shift = 32 - Math.log2(capacityPow2);
  }

  /** The home slot: the top bits of a multiplicative hash of both words, so that even
   * fingerprints that differ only in a few bits (as in tests) spread over the whole table. */
  private home(hi: number, lo: number): number {
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Reads the fingerprint's home slot, so that a later add() finds it in cache (see SuccessorBatch). */
  touch(hi: number, lo: number): number {
    return this.table[this.stride * this.home(hi === 0 ? 1 : hi, lo === 0 ? 1 : lo)]!;
  }

  /** The id stored with the fingerprint (0 without ids), or -1 if it is not in the set. */
  get(hi: number, lo: number): number {
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.table;
    const w = this.stride;
    for (let i = this.home(hi, lo); ; i = (i + 1) & this.mask) {
      const h = t[w * i]!;
      const l = t[w * i + 1]!;
      if (h === 0 && l === 0) return -1;
      if (h === (hi | 0) && l === (lo | 0)) return w === 3 ? t[w * i + 2]! : 0;
    }
  }

  /** Adds the fingerprint (with state id `id` when the set keeps ids); true if it was not there before. */
  add(hi: number, lo: number, id = 0): boolean {
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.table;
    const w = this.stride;
    let i = this.home(hi, lo);
    for (;;) {
      const h = t[w * i]!;
      const l = t[w * i + 1]!;
      if (h === 0 && l === 0) break;
      if (h === (hi | 0) && l === (lo | 0)) {
        if (w === 3) this.id = t[w * i + 2]!;
        return false;
      }
      i = (i + 1) & this.mask;
    }
    t[w * i] = hi;
    t[w * i + 1] = lo;
    if (w === 3) t[w * i + 2] = id;
    if (++this.size > (this.mask + 1) * MAX_LOAD) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    const w = this.stride;
    const cap = (this.mask + 1) * 2;
    this.table = new Int32Array(cap * w);
    this.mask = cap - 1;
    this.shift--;
    const t = this.table;
    for (let j = 0; j < old.length; j += w) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = this.home(hi, lo);
      while (t[w * i] !== 0 || t[w * i + 1] !== 0) i = (i + 1) & this.mask;
      t[w * i] = hi;
      t[w * i + 1] = lo;
      if (w === 3) t[w * i + 2] = old[j + 2]!;
    }
  }
}
