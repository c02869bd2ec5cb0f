// The twin classes of one state: identities of a declared set any two of which can be swapped
// without changing the state (idle threads, unused pages). Every permutation within the classes
// fixes the state, so successors that differ by one are renamings of each other
// (sibling-delta.ts). Twins are decided exactly: the cheap test of twins.ts, else a hash of the
// swapped state refuses, else its encoding decides. A pair not proven twins is kept apart.

import { Encoder } from "../fingerprint/encode.js";
import { compare, hashAs, identity } from "./automorphisms.js";
import type { SymmetrySets } from "./canon.js";
import { TemplateBuilder, type TNode } from "./template.js";
import { SimpleOccurrences } from "./twins.js";

export class TwinClasses {
  /** Global index → identity: the sets' members one set after another (as canon.ts numbers them). */
  private readonly ids: string[] = [];
  private readonly sets: number[][] = [];
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
  /** Identity → index in `classes`, for identities in a class of two or more. */
  readonly classOf = new Map<string, number>();

  constructor(sym: SymmetrySets) {
    const index = new Map<string, number>();
    for (const set of sym.sets) {
      const g: number[] = [];
      for (const id of set) {
        g.push(this.ids.length);
        index.set(id, this.ids.length);
        this.ids.push(id);
      }
      this.sets.push(g);
    }
    this.builder = new TemplateBuilder(index);
    this.simple = new SimpleOccurrences(this.ids.length);
    this.pos = identity(this.ids.length);
  }

  /** Computes the twin classes of `s`; returns whether any class has two members. */
  of(s: unknown): boolean {
    this.classes.length = 0;
    this.classOf.clear();
    this.root = this.builder.build(s);
    this.state = s;
    this.ownHash = -1;
    this.ownLen = -1;
    this.simple.start(this.root);
    const reps: number[] = [];
    const members: number[][] = [];
    for (const set of this.sets) {
      reps.length = 0;
      members.length = 0;
      // Twinship is an equivalence (a swap conjugated by a swap is a swap), so testing against
      // each class's first member is enough.
      for (const g of set) {
        let c = 0;
        while (c < reps.length && !this.twins(reps[c]!, g)) c++;
        if (c === reps.length) {
          reps.push(g);
          members.push([g]);
        } else members[c]!.push(g);
      }
      for (const m of members) {
        if (m.length < 2) continue;
        for (const g of m) this.classOf.set(this.ids[g]!, this.classes.length);
        this.classes.push(m.map((g) => this.ids[g]!));
      }
    }
    return this.classes.length > 0;
  }

  private twins(u: number, v: number): boolean {
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
