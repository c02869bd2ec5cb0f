// The twin classes of one state: identities of a declared set any two of which can be swapped
// without changing the state (idle threads, unused pages). Every permutation within the classes
// fixes the state, so successors that differ by one are renamings of each other
// (sibling-delta.ts). Twins are decided exactly: the cheap test of twins.ts, else a hash of the
// swapped state refuses, else its encoding decides. A pair not proven twins is kept apart.

import { Encoder } from "../fingerprint/encode.js";
import { compare, hashAs, identity } from "./automorphisms.js";
import { numberIdentities, type SymmetrySets } from "./canon.js";
import { TemplateBuilder, type TNode } from "./template.js";
import { SimpleOccurrences } from "./twins.js";

export class TwinClasses {
  /** Global index → identity: the sets' members one set after another (as canon.ts numbers them). */
  private readonly ids: string[];
  /** Identity → global index. */
  readonly index: Map<string, number>;
  private readonly sets: number[][];
  private readonly builder: TemplateBuilder;
  private readonly simple: SimpleOccurrences;
  private readonly pos: Int32Array;
  private readonly own = new Encoder();
  private readonly swapped = new Encoder();
  private readonly swap = new Map<string, string>();
  private root: TNode | null = null;
  private state: unknown = null;
  private ownHash = -1;
  private ownLen = -1;
  /** The last state's classes of two or more identities, each in declaration order. */
  readonly classes: string[][] = [];
  /** Per identity (global index): its index in `classes`, or -1 (a class of one). */
  readonly classOf: Int32Array;
  /** Per identity: the first member of its class so far (scratch of `of`). */
  private readonly rep: Int32Array;

  /**
   * With owned sets, only identities with one owner (or none) that own nothing may be twins: a
   * swap of two threads of one process keeps the owner relation, any other swap breaks it.
   * Per identity: its owner's global index, -1 for none, -2 for an owner of members (never a twin).
   */
  private readonly kin: Int32Array;

  constructor(sym: SymmetrySets) {
    const { ids, index, cells } = numberIdentities(sym);
    this.ids = ids;
    this.index = index;
    this.sets = cells;
    this.kin = new Int32Array(ids.length).fill(-1);
    for (const [member, owner] of sym.owners ?? []) {
      this.kin[index.get(member)!] = index.get(owner)!;
      this.kin[index.get(owner)!] = -2;
    }
    this.builder = new TemplateBuilder(this.index);
    this.simple = new SimpleOccurrences(this.ids.length);
    this.pos = identity(this.ids.length);
    this.classOf = new Int32Array(this.ids.length);
    this.rep = new Int32Array(this.ids.length);
  }

  /** How many identities are declared. */
  get size(): number {
    return this.ids.length;
  }

  /** Computes the twin classes of `s`; returns whether any class has two members. */
  of(s: unknown): boolean {
    this.classes.length = 0;
    this.classOf.fill(-1);
    this.root = this.builder.build(s);
    this.state = s;
    this.ownHash = -1;
    this.ownLen = -1;
    this.simple.start(this.root);
    const rep = this.rep;
    for (const set of this.sets) {
      let nreps = 0;
      // Twinship is an equivalence (a swap conjugated by a swap is a swap), so testing against
      // each class's first member is enough. rep[0 .. nreps) are those first members.
      for (const g of set) {
        let c = 0;
        while (c < nreps && !this.twins(rep[c]!, g)) c++;
        if (c === nreps) {
          rep[nreps++] = g;
          continue;
        }
        const u = rep[c]!;
        if (this.classOf[u] < 0) {
          this.classOf[u] = this.classes.length;
          this.classes.push([this.ids[u]!]);
        }
        this.classOf[g] = this.classOf[u]!;
        this.classes[this.classOf[u]!]!.push(this.ids[g]!);
      }
    }
    return this.classes.length > 0;
  }

  private twins(u: number, v: number): boolean {
    if (this.kin[u] !== this.kin[v] || this.kin[u] === -2) return false;
    if (this.simple.surelyTwins(u, v)) return true;
    // Nothing relates identities: the cheap test is exact (same collections, equal values).
    if (this.simple.sortable) return false;
    if (this.hashWith(u, v) !== this.hashWith(-1, -1)) return false;
    if (this.ownLen < 0) this.ownLen = this.own.encode(this.state);
    this.swap.clear();
    this.swap.set(this.ids[u]!, this.ids[v]!);
    this.swap.set(this.ids[v]!, this.ids[u]!);
    this.swapped.rename = this.swap;
    try {
      const len = this.swapped.encode(this.state);
      return len === this.ownLen && compare(this.swapped.buf, len, this.own.buf, 0, this.ownLen) === 0;
    } finally {
      this.swapped.rename = null;
    }
  }

  /** The state's hash with u and v swapped (u = -1: as it is, computed once). */
  private hashWith(u: number, v: number): number {
    if (u < 0 && this.ownHash >= 0) return this.ownHash;
    const pos = this.pos;
    for (let i = 0; i < pos.length; i++) pos[i] = i;
    if (u >= 0) {
      pos[u] = v;
      pos[v] = u;
    }
    const h = hashAs(this.root!, pos) >>> 0;
    if (u < 0) this.ownHash = h;
    return h;
  }
}
