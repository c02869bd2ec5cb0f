// The seen-set of a search that builds the state graph: like SeenSet, open addressing over one
// Int32Array, but three words a slot (hi, lo, state id), so that a step into a state already seen
// still learns that state's id and becomes an edge of the graph. 12 bytes a slot instead of 8.

const MAX_LOAD = 0.7;

export class SeenIds {
  private table: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;
  /** After add() returned false: the id of the state that was already there. */
  id = -1;

  constructor(capacityPow2 = 1 << 16) {
    this.table = new Int32Array(capacityPow2 * 3);
    this.mask = capacityPow2 - 1;
    this.shift = 32 - Math.log2(capacityPow2);
  }

  private home(hi: number, lo: number): number {
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  /** Adds the fingerprint with state id `id`; true if new, else false with the old id in `this.id`. */
  add(hi: number, lo: number, id: number): boolean {
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.table;
    let i = this.home(hi, lo);
    for (;;) {
      const h = t[3 * i]!;
      const l = t[3 * i + 1]!;
      if (h === 0 && l === 0) break;
      if (h === (hi | 0) && l === (lo | 0)) {
        this.id = t[3 * i + 2]!;
        return false;
      }
      i = (i + 1) & this.mask;
    }
    t[3 * i] = hi;
    t[3 * i + 1] = lo;
    t[3 * i + 2] = id;
    if (++this.size > (this.mask + 1) * MAX_LOAD) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = new Int32Array(cap * 3);
    this.mask = cap - 1;
    this.shift--;
    const t = this.table;
    for (let j = 0; j < old.length; j += 3) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = this.home(hi, lo);
      while (t[3 * i] !== 0 || t[3 * i + 1] !== 0) i = (i + 1) & this.mask;
      t[3 * i] = hi;
      t[3 * i + 1] = lo;
      t[3 * i + 2] = old[j + 2]!;
    }
  }
}
