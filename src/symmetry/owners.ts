// Owned sets (a process's threads): the group is every renaming that keeps the owner relation.
// The canonicaliser searches all renamings of the state paired with that relation (two pairs are
// in one orbit exactly when the states are in one orbit of the smaller group), then renames each
// owner's members back to its declared ones: a function of the winner's relation alone, so the
// result is canonical and keeps the declared ownership, a state of the spec. A state sortable
// by profile needs no search: sorting owners with their members is canonical (sortFlat).

import { List, Map as IMap } from "immutable";

/** What sortFlat needs of profiles.ts: a hash of each identity's profile and their order. */
export interface Profiles {
  readonly key: Float64Array;
  compare(u: number, v: number): number;
}

export class Owners {
  /** The relation as a value, renamed with the state it is paired with. */
  private readonly relation: IMap<string, string>;
  /** Per identity (global index): its owner's global index, or -1 when it has none. */
  private readonly ownerOf: Int32Array;
  /** Per identity: its set's index, for members of owned sets (-1 otherwise). */
  private readonly setOf: Int32Array;
  /** declared[set][owner]: the owner's members of that set, in declared order (global indices). */
  private readonly declared: Int32Array[][];
  /**
   * Per identity of an owner set: its class, the owners with as many members in each owned set
   * (only those can trade names); -1 for every other identity. classes[c]: declared order.
   */
  private readonly classOf: Int32Array;
  private readonly classes: Int32Array[];
  /** The sets neither owned nor owning (global indices): sorted by profile alone in sortFlat. */
  private readonly plainCells: Int32Array[];
  /** Per owned set, its index (cells' order), for sortFlat's comparisons of members. */
  private readonly ownedSets: number[];
  /** Scratch: per set and owner, how many members have been given back; per class, owners. */
  private readonly used: Int32Array[];
  private readonly usedClass: Int32Array;
  /** The identities renamed by the result: global index → global index. */
  readonly image: Int32Array;
  /** sortFlat's scratch: per owned set, per owner, its members by profile; per class and plain cell, their order. */
  private readonly sortedMembers: Int32Array[][];
  private readonly classOrder: Int32Array[];
  private readonly plainOrder: Int32Array[];
  private p: Profiles | null = null;

  constructor(ids: readonly string[], index: ReadonlyMap<string, number>, cells: readonly (readonly number[])[], owners: ReadonlyMap<string, string>) {
    const n = ids.length;
    this.relation = IMap(owners);
    this.ownerOf = new Int32Array(n).fill(-1);
    this.setOf = new Int32Array(n).fill(-1);
    this.classOf = new Int32Array(n).fill(-1);
    this.image = new Int32Array(n);
    const declared: number[][][] = cells.map(() => []);
    const ownerCells = new Set<number>();
    cells.forEach((cell, s) => {
      for (const g of cell) {
        const o = owners.get(ids[g]!);
        if (o === undefined) continue;
        const og = index.get(o)!;
        this.ownerOf[g] = og;
        this.setOf[g] = s;
        (declared[s]![og] ??= []).push(g);
        ownerCells.add(cells.findIndex((c) => c.includes(og)));
      }
    });
    this.declared = declared.map((bySet) => Array.from({ length: n }, (_, o) => Int32Array.from(bySet[o] ?? [])));
    // an owner's class: how many members it has in each owned set
    const byKey = new Map<string, number[]>();
    for (const c of ownerCells) {
      for (const g of cells[c]!) {
        const key = declared.map((bySet) => bySet[g]?.length ?? 0).join(",");
        const members = byKey.get(key) ?? [];
        if (members.length === 0) byKey.set(key, members);
        members.push(g);
      }
    }
    this.classes = [...byKey.values()].map((gs) => Int32Array.from(gs));
    this.classes.forEach((gs, k) => gs.forEach((g) => (this.classOf[g] = k)));
    this.used = cells.map(() => new Int32Array(n));
    this.usedClass = new Int32Array(this.classes.length);
    this.ownedSets = cells.map((_, s) => s).filter((s) => cells[s]!.length > 0 && this.setOf[cells[s]![0]!]! >= 0);
    this.plainCells = cells.filter((c, s) => !ownerCells.has(s) && !this.ownedSets.includes(s)).map((c) => Int32Array.from(c));
    this.sortedMembers = this.declared.map((bySet) => bySet.map((ms) => new Int32Array(ms.length)));
    this.classOrder = this.classes.map((c) => new Int32Array(c.length));
    this.plainOrder = this.plainCells.map((c) => new Int32Array(c.length));
  }

  /**
   * The representative's renaming, into `image`, for a state in which every identity is
   * described by its profile (profiles.ts: SORTABLE): each owner's members sorted by profile,
   * the owners of a class by their own profile and then their sorted members', and plain sets
   * by profile. Identities that tie have equal profiles, so swapping them (an owner together
   * with its members, paired in sorted order) leaves the state as it is: any order of ties gives
   * the same renamed state, and as profiles do not name identities, so does every state of the
   * orbit. No search, no pair. Returns whether anything moves.
   */
  sortFlat(p: Profiles): boolean {
    this.p = p;
    const to = this.image;
    const sorted = this.sortedMembers;
    for (const s of this.ownedSets) {
      const bySet = this.declared[s]!;
      for (let o = 0; o < bySet.length; o++) {
        const ms = bySet[o]!;
        if (ms.length === 0) continue;
        const out = sorted[s]![o]!;
        out.set(ms);
        this.insertionSort(out, 0);
      }
    }
    this.nameInOrder(this.classes, this.classOrder, 1);
    this.nameInOrder(this.plainCells, this.plainOrder, 0);
    for (const s of this.ownedSets) {
      const bySet = this.declared[s]!;
      for (let o = 0; o < bySet.length; o++) {
        if (bySet[o]!.length === 0) continue;
        const ms = sorted[s]![o]!;
        const mine = bySet[to[o]!]!;
        for (let i = 0; i < ms.length; i++) to[ms[i]!] = mine[i]!;
      }
    }
    this.p = null;
    let moved = false;
    for (let g = 0; g < to.length; g++) if (to[g] !== g) moved = true;
    return moved;
  }

  /** Each group's identities sorted (into its `orders` buffer) take the group's names in order. */
  private nameInOrder(groups: readonly Int32Array[], orders: readonly Int32Array[], owners: number): void {
    for (let k = 0; k < groups.length; k++) {
      const names = groups[k]!;
      const order = orders[k]!;
      order.set(names);
      this.insertionSort(order, owners);
      for (let i = 0; i < order.length; i++) this.image[order[i]!] = names[i]!;
    }
  }

  /** Sorts a few identities in place, by profile (`owners` 0) or as owners with their members (1). */
  private insertionSort(a: Int32Array, owners: number): void {
    for (let i = 1; i < a.length; i++) {
      const g = a[i]!;
      let j = i;
      while (j > 0 && (owners === 1 ? this.byOwner(a[j - 1]!, g) : this.byProfile(a[j - 1]!, g)) > 0) {
        a[j] = a[j - 1]!;
        j--;
      }
      a[j] = g;
    }
  }

  private byProfile(a: number, b: number): number {
    const p = this.p!;
    return p.key[a]! - p.key[b]! || p.compare(a, b);
  }

  /** Owners by their own profile, then their members' (each owner's already sorted). */
  private byOwner(a: number, b: number): number {
    const c = this.byProfile(a, b);
    if (c !== 0) return c;
    for (const s of this.ownedSets) {
      const x = this.sortedMembers[s]![a]!;
      const y = this.sortedMembers[s]![b]!;
      for (let i = 0; i < x.length; i++) {
        const d = this.byProfile(x[i]!, y[i]!);
        if (d !== 0) return d;
      }
    }
    return 0;
  }

  /** The value the canonicaliser searches: the state beside the owner relation. */
  pair(state: unknown): unknown {
    return List.of(state, this.relation);
  }

  /**
   * From the pair's best labelling (lab[i] = g: identity g takes global index i's name), the
   * renaming of the state alone into `image`: owners go to the declared owners of their class,
   * and each one's members to its declared members, both in the order of their names in the
   * winner. That depends on the winner's relation alone; returns whether anything moves.
   */
  back(lab: Int32Array): boolean {
    const n = lab.length;
    const to = this.image;
    this.usedClass.fill(0);
    for (const u of this.used) u.fill(0);
    for (let i = 0; i < n; i++) {
      const g = lab[i]!;
      const k = this.classOf[g]!;
      to[g] = k >= 0 ? this.classes[k]![this.usedClass[k]!++]! : i;
    }
    for (let i = 0; i < n; i++) {
      const g = lab[i]!;
      const s = this.setOf[g]!;
      if (s < 0) continue;
      const o = to[this.ownerOf[g]!]!;
      to[g] = this.declared[s]![o]![this.used[s]![o]!++]!;
    }
    let moved = false;
    for (let g = 0; g < n; g++) if (to[g] !== g) moved = true;
    return moved;
  }
}
