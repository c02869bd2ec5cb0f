// Colour refinement of identities on a state's template: an identity's colour is the rank of
// its cell in an ordered partition; each round hashes every collection under the current
// colours (bottom up), then gives each identity occurrence the hash of its path from the root
// with each ancestor's hash mixed in (top down), and splits a cell whose members' multisets of
// occurrence contexts differ. Everything depends on structure and colours only, never on an
// identity's name: refinement commutes with renaming, which is what makes the result canonical.

import { ID, LEAF, ORD, fmix, mix, ordHash, unordHash, type TNode } from "./template.js";

export class Refiner {
  /** Per identity: occurrences in the state (set by start()). */
  readonly occ: Int32Array;
  private readonly colour: Int32Array;
  private readonly sig: Int32Array;
  private readonly keys: Float64Array;
  private root: TNode | null = null;

  constructor(n: number) {
    this.occ = new Int32Array(n);
    this.colour = new Int32Array(n);
    this.sig = new Int32Array(n);
    this.keys = new Float64Array(n);
  }

  start(root: TNode): void {
    this.root = root;
    this.occ.fill(0);
    count(root, this.occ);
  }

  /** The coarsest equitable-enough refinement of `cells` (ordered; members' order kept). */
  refine(cells: readonly number[][]): number[][] {
    let cur = cells as number[][];
    for (;;) {
      if (cur.every((c) => c.length === 1)) return cur;
      for (let i = 0; i < cur.length; i++) for (const g of cur[i]!) this.colour[g] = i;
      this.sig.fill(0);
      this.up(this.root!);
      this.down(this.root!, 0x1b873593);
      let changed = false;
      const next: number[][] = [];
      const key = this.keys;
      for (const cell of cur) {
        if (cell.length === 1) {
          next.push(cell);
          continue;
        }
        let uniform = true;
        for (const g of cell) {
          key[g] = fmix(mix(this.sig[g]!, this.occ[g]!)) >>> 0;
          if (key[g] !== key[cell[0]!]) uniform = false;
        }
        if (uniform) {
          next.push(cell);
          continue;
        }
        changed = true;
        // split by key, the parts in key order (members keep their order within a part)
        const sorted = [...cell].sort((a, b) => key[a]! - key[b]!);
        let part = [sorted[0]!];
        for (let i = 1; i < sorted.length; i++) {
          if (key[sorted[i]!] !== key[sorted[i - 1]!]) {
            next.push(part);
            part = [];
          }
          part.push(sorted[i]!);
        }
        next.push(part);
      }
      cur = next;
      if (!changed) return cur;
    }
  }


  private up(n: TNode): number {
    if (n.k === LEAF) return n.h;
    if (n.k === ID) return (n.h = fmix(0x68e31da4 + this.colour[n.id]!));
    for (const c of n.kids) this.up(c);
    return (n.h = n.k === ORD ? ordHash(n.id, n.kids) : unordHash(n.id, n.kids));
  }

  private down(n: TNode, ctx: number): void {
    if (n.k === LEAF) return;
    if (n.k === ID) {
      this.sig[n.id] = (this.sig[n.id]! + fmix(ctx)) | 0;
      return;
    }
    const base = mix(ctx, n.h);
    const kids = n.kids;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      if (c.k === LEAF) continue;
      this.down(c, fmix(mix(base, n.k === ORD ? i : c.h ^ 0x3c6ef372)));
    }
  }
}

function count(n: TNode, occ: Int32Array): void {
  if (n.k === ID) occ[n.id]!++;
  else if (n.k !== LEAF) for (const c of n.kids) count(c, occ);
}
