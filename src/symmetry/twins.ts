// A cheap exact test for the commonest automorphism: two identities that occur only as members
// of Sets and as keys of Maps (an idle thread in a Map of threads, a page never used, two
// threads holding the same page) can be swapped without changing the state exactly when they
// sit in the same collections with equal values that mention neither. canon.ts falls back to
// the full test (encoding the swapped state) when this one cannot decide.

import { is } from "immutable";
import { ID, K_MAP, K_SET, LEAF, UNORD, type TNode } from "./template.js";

export class SimpleOccurrences {
  /** Per identity: the Sets and Maps it is a member or key of, in walk order; null when it also occurs elsewhere. */
  private readonly where: (TNode[] | null)[];
  /** The matching Map values (template nodes); null for a Set member. */
  private readonly what: (TNode | null)[][];

  constructor(n: number) {
    this.where = new Array<TNode[] | null>(n).fill(null);
    this.what = Array.from({ length: n }, () => []);
  }

  start(root: TNode, n: number): void {
    for (let g = 0; g < n; g++) {
      this.where[g] = [];
      this.what[g]!.length = 0;
    }
    this.walk(root);
  }

  /** True: swapping u and v leaves the state unchanged. False: not known. */
  surelyTwins(u: number, v: number): boolean {
    const wu = this.where[u]!;
    const wv = this.where[v]!;
    if (wu === null || wv === null || wu.length !== wv.length) return false;
    const xu = this.what[u]!;
    const xv = this.what[v]!;
    for (let i = 0; i < wu.length; i++) {
      if (wu[i] !== wv[i]) return false;
      const a = xu[i]!;
      const b = xv[i]!;
      if (a === null || b === null) continue;
      if (mentions(a, u, v) || mentions(b, u, v) || !is(a.v, b.v)) return false;
    }
    return true;
  }

  private walk(n: TNode): void {
    if (n.k === LEAF) return;
    if (n.k === ID) {
      // reached only when the occurrence is not a Set member or a Map key
      this.where[n.id] = null;
      return;
    }
    if (n.k === UNORD && n.c === K_SET) {
      for (const m of n.kids) {
        if (m.k === ID) this.note(m.id, n, null);
        else this.walk(m);
      }
      return;
    }
    if (n.k === UNORD && n.c === K_MAP) {
      for (const e of n.kids) {
        if (e.k === LEAF) continue;
        const [k, x] = e.kids as [TNode, TNode];
        if (k.k === ID) this.note(k.id, n, x);
        else this.walk(k);
        this.walk(x);
      }
      return;
    }
    for (const c of n.kids) this.walk(c);
  }

  private note(g: number, n: TNode, x: TNode | null): void {
    const w = this.where[g];
    if (w === null || w === undefined) return;
    w.push(n);
    this.what[g]!.push(x);
  }
}

function mentions(n: TNode, u: number, v: number): boolean {
  if (n.k === ID) return n.id === u || n.id === v;
  if (n.k === LEAF) return false;
  for (const c of n.kids) if (mentions(c, u, v)) return true;
  return false;
}
