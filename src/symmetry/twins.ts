// A cheap exact test for the commonest automorphism: two identities that occur only as members
// of Sets and as keys of Maps (an idle thread in a Map of threads, a page never used, two
// threads holding the same page) can be swapped without changing the state exactly when they
// sit in the same collections with equal values that mention neither. canon.ts falls back to
// the full test (encoding the swapped state) when this one cannot decide.

import { is } from "immutable";
import { ID, K_MAP, K_SET, LEAF, UNORD, type TNode } from "./template.js";

export class SimpleOccurrences {
  /**
   * Every identity occurs only as a Set member or a key with an identity-free value, in Sets and
   * Maps reached through Records and Lists alone: then an identity is described by its profile
   * (where, with what value), and sorting by profile orders the identities canonically
   * (profiles.ts computes and compares the profiles).
   */
  sortable = true;
  /** Per identity: the Sets and Maps it is a member or key of, in walk order (the first cnt[g]). */
  private readonly where: TNode[][];
  /** The matching Map values (template nodes); null for a Set member. */
  private readonly what: (TNode | null)[][];
  /** Per identity: how many entries of where/what are this state's. The arrays are reused from
   * state to state and written by index, never truncated (setting an Array's length is a runtime
   * call, and this runs for every successor). */
  private readonly cnt: Int32Array;
  /** Per identity: 1 when it also occurs elsewhere than as a Set member or Map key. */
  private readonly elsewhere: Uint8Array;

  constructor(n: number) {
    this.where = Array.from({ length: n }, () => []);
    this.what = Array.from({ length: n }, () => []);
    this.cnt = new Int32Array(n);
    this.elsewhere = new Uint8Array(n);
  }

  start(root: TNode): void {
    this.cnt.fill(0);
    this.elsewhere.fill(0);
    this.sortable = true;
    this.walk(root, true);
  }

  /** True: swapping u and v leaves the state unchanged. False: not known. */
  surelyTwins(u: number, v: number): boolean {
    const n = this.cnt[u]!;
    if (this.elsewhere[u] === 1 || this.elsewhere[v] === 1 || this.cnt[v] !== n) return false;
    const wu = this.where[u]!;
    const wv = this.where[v]!;
    const xu = this.what[u]!;
    const xv = this.what[v]!;
    for (let i = 0; i < n; i++) {
      if (wu[i] !== wv[i]) return false;
      const a = xu[i]!;
      const b = xv[i]!;
      if (a === null || b === null) continue;
      if (mentions(a, u, v) || mentions(b, u, v) || !is(a.v, b.v)) return false;
    }
    return true;
  }

  /** `anchored`: reached from the root through Records and Lists (ordered collections) only. */
  private walk(n: TNode, anchored: boolean): void {
    if (n.k === LEAF) return;
    if (n.k === ID) {
      // reached only when the occurrence is not a Set member or a Map key
      this.elsewhere[n.id] = 1;
      this.sortable = false;
      return;
    }
    if (n.k === UNORD && n.c === K_SET) {
      for (const m of n.kids) {
        if (m.k === ID) this.note(m.id, n, null, anchored);
        else this.walk(m, false);
      }
      return;
    }
    if (n.k === UNORD && n.c === K_MAP) {
      for (const e of n.kids) {
        if (e.k === LEAF) continue;
        const [k, x] = e.kids as [TNode, TNode];
        if (k.k === ID) this.note(k.id, n, x, anchored);
        else this.walk(k, false);
        this.walk(x, false);
      }
      return;
    }
    for (const c of n.kids) this.walk(c, anchored && n.k !== UNORD);
  }

  private note(g: number, n: TNode, x: TNode | null, anchored: boolean): void {
    if (!anchored || (x !== null && x.k !== LEAF)) this.sortable = false;
    const i = this.cnt[g]!++;
    this.where[g]![i] = n;
    this.what[g]![i] = x;
  }
}

function mentions(n: TNode, u: number, v: number): boolean {
  if (n.k === ID) return n.id === u || n.id === v;
  if (n.k === LEAF) return false;
  for (const c of n.kids) if (mentions(c, u, v)) return true;
  return false;
}
