// The orbit representative of a state: of all renamings of its identities (each declared set
// permuted within itself), the least among the leaves of a search tree that depends only on the
// state's structure, so two states of one orbit get the same bytes. "Least" orders renamed
// states by a hash of the renamed value (a walk of the template, no encoding), then by their
// canonical encoding when hashes tie: a total order on values, so the choice is canonical, and
// only the winner (and ties) are ever encoded. As in graph canonical labelling (nauty):
// identities are ordered by colour refinement (refine.ts), and only identities that stay tied
// are branched on; branches that an automorphism found so far maps onto a branch already tried
// are skipped (automorphisms.ts), and a cell whose identities are pairwise interchangeable (a
// transposition leaves the state unchanged, twins.ts) is ordered as it stands, without
// branching. Never a walk over all permutations.

import { Encoder } from "../fingerprint/encode.js";
import { Refiner } from "./refine.js";
import { compare, hashAs, identity, sameOrbit } from "./automorphisms.js";
import { TemplateBuilder, type TNode } from "./template.js";
import { SimpleOccurrences } from "./twins.js";
import { FlatProfiles, NONE, SORTABLE } from "./profiles.js";
import { Owners } from "./owners.js";

/** The declared symmetric sets, resolved: names and members in declaration order. */
export interface SymmetrySets {
  readonly names: readonly string[];
  readonly sets: readonly (readonly string[])[];
  /**
   * Each member of an owned set → its owner (empty when no set is owned). The group is then the
   * renamings that keep this relation, not every product of the sets' permutations.
   */
  readonly owners?: ReadonlyMap<string, string>;
}

/**
 * The sets' members numbered one set after another: global index → identity, identity → index,
 * and each set as its members' indices (one cell per set, in declaration order).
 */
export function numberIdentities(sym: SymmetrySets): { ids: string[]; index: Map<string, number>; cells: number[][] } {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const cells = sym.sets.map((set) =>
    set.map((id) => {
      index.set(id, ids.length);
      return ids.push(id) - 1;
    }),
  );
  return { ids, index, cells };
}

export class OrbitCanon {
  /** Global index → identity: the sets' members one set after another. */
  private readonly ids: string[];
  private readonly index: Map<string, number>;
  private readonly initial: number[][];
  private readonly builder: TemplateBuilder;
  private readonly refiner: Refiner;
  private readonly simple: SimpleOccurrences;
  private readonly flat: FlatProfiles;
  /** States left to canonicalise on the template before trying the flat walk again (see search). */
  private skipFlat = 0;
  /** The best labelling renames no identity: the state's own encoding is the representative's. */
  private unmoved = false;
  private readonly enc = new Encoder();
  private readonly plainEnc = new Encoder();
  private readonly out = new Encoder();
  private readonly rename = new Map<string, string>();
  private readonly ranks: ReadonlyMap<string, number>;
  /** Owned sets declared: the search is of the state paired with the owner relation (owners.ts). */
  private readonly owners: Owners | null;
  private best = new Uint8Array(256);
  /** The best leaf: its labelling, hash, and its bytes once encoded (bestLen -1: not yet). */
  private bestLen = -1;
  private bestLab: Int32Array | null = null;
  private bestHash = 0;
  private root: TNode | null = null;
  /** The state's own hash (identities as themselves), for the twin test's quick refusal. */
  private ownHash = 0;
  private readonly pos: Int32Array;
  /** sortByProfile's result, reused: it is read before the next state is canonicalised. */
  private readonly sorted: Int32Array;
  private autos: Int32Array[] = [];
  /** Twin transpositions found so far, as pairs (u, v) flattened: kept apart from `autos` so
   * that a twin costs no permutation array (an idle thread is a twin of every other). */
  private swaps: number[] = [];
  private twins = new Map<number, boolean>();
  private state: unknown = null;
  private plain: Uint8Array = new Uint8Array(0);
  private plainAt = 0;
  private plainLen = 0;
  /** Leaves visited (one encoding each) since construction, for measurements. */
  leaves = 0;
  fullTwinTests = 0;
  refines = 0;

  constructor(sym: SymmetrySets) {
    const { ids, index, cells } = numberIdentities(sym);
    this.ids = ids;
    this.index = index;
    this.initial = cells.filter((cell) => cell.length > 0);
    this.builder = new TemplateBuilder(this.index);
    this.pos = identity(this.ids.length);
    this.sorted = new Int32Array(this.ids.length);
    this.refiner = new Refiner(this.ids.length);
    this.simple = new SimpleOccurrences(this.ids.length);
    this.flat = new FlatProfiles(this.index);
    this.owners = sym.owners !== undefined && sym.owners.size > 0 ? new Owners(ids, index, cells, sym.owners) : null;
    // Each identity's place in the byte order of the identities' encodings: the encoders sort
    // identity-keyed Maps and Sets by it (the bytes are the same, the comparisons cheaper).
    const e = new Encoder();
    const bytes = this.ids.map((id) => e.buf.slice(0, e.encode(id)));
    const order = this.ids.map((_, g) => g).sort((a, b) => compare(bytes[a]!, bytes[a]!.length, bytes[b]!, 0, bytes[b]!.length));
    this.ranks = new Map(order.map((g, r) => [this.ids[g]!, r]));
    this.enc.ranks = this.ranks;
    this.plainEnc.ranks = this.ranks;
  }

  /**
   * Replaces the state whose plain canonical bytes are enc.buf[at .. at+len) by the bytes of its
   * orbit representative; returns their length.
   */
  canonical(v: unknown, enc: Encoder, at: number, len: number): number {
    if (this.owners !== null) {
      if (!this.searchOwned(v)) return len;
      return enc.put(this.enc.buf, this.encodeRenamed(v), at);
    }
    if (!this.search(v, enc.buf, at, len) || this.unmoved) return len;
    this.encodeBest();
    return enc.put(this.best, this.bestLen, at);
  }

  /**
   * Encodes the orbit representative of `v` into `enc` at offset `at` (a non-state throws as
   * Encoder.encode does) and returns its length: one encoding, of the winner only.
   */
  encodeRep(v: unknown, enc: Encoder, at = 0): number {
    if (this.owners !== null) {
      const moved = this.searchOwned(v);
      return this.encodeWith(v, enc, at, moved ? this.rename : null);
    }
    const found = this.search(v, null, 0, -1);
    if (found && !this.unmoved && this.bestLen >= 0) return enc.put(this.best, this.bestLen, at);
    if (found && !this.unmoved) this.renameBy(this.bestLab!);
    return this.encodeWith(v, enc, at, found && !this.unmoved ? this.rename : null);
  }

  private encodeWith(v: unknown, enc: Encoder, at: number, rename: Map<string, string> | null): number {
    const ranks = enc.ranks;
    enc.rename = rename;
    enc.ranks = this.ranks;
    try {
      return enc.encode(v, at);
    } finally {
      enc.rename = null;
      enc.ranks = ranks;
    }
  }

  /**
   * With owned sets: the best leaf of the state paired with the owner relation, made a renaming
   * of the state alone that keeps the relation (owners.ts), left in `rename`; false when it
   * renames nothing. When the state alone is sortable by profile, sorting is the search
   * (Owners.sortFlat); the pair never is, its relation relating identities.
   */
  private searchOwned(v: unknown): boolean {
    // Sortability is a property of the orbit, so every state of one takes the same path.
    const flat = this.flat.scan(v);
    if (flat === NONE) return false;
    if (flat === SORTABLE) {
      if (!this.owners!.sortFlat(this.flat)) return false;
    } else {
      // the pair's flat walk would cover the whole state before giving up at the relation
      this.skipFlat = 1;
      this.search(this.owners!.pair(v), null, 0, -1);
      if (!this.owners!.back(this.bestLab!)) return false;
    }
    const to = this.owners!.image;
    for (let g = 0; g < to.length; g++) this.rename.set(this.ids[g]!, this.ids[to[g]!]!);
    return true;
  }

  /** Finds the best leaf for `v` (plain bytes given, or made when needed); false when no identity occurs. */
  private search(v: unknown, plain: Uint8Array | null, at: number, len: number): boolean {
    this.unmoved = false;
    this.state = v;
    // The commonest case first, with no template: a walk that allocates nothing. A spec whose
    // states are seldom sortable (identities pointing at identities) would pay for a walk that
    // fails on every state, so after a failure the next few go straight to the template.
    if (this.skipFlat === 0) {
      const r = this.flat.scan(v);
      if (r === NONE) return false;
      if (r === SORTABLE) {
        this.bestLab = this.sortByProfile();
        this.bestLen = -1;
        this.unmoved = isIdentity(this.bestLab);
        return true;
      }
      this.skipFlat = FLAT_BACKOFF;
    } else this.skipFlat--;
    const root = this.builder.build(v);
    if (this.builder.occurrences === 0) return false;
    this.plain = plain ?? this.plain;
    this.plainAt = at;
    this.plainLen = len;
    this.bestLen = -1;
    this.bestLab = null;
    this.autos = [];
    this.swaps.length = 0;
    this.twins.clear();
    this.root = root;
    this.ownHash = -1;
    this.simple.start(root);
    // No identity relates to another: sorting by profile is the canonical order, no search. (Met
    // during the flat walk's back-off: the walk is the one place profiles are computed.)
    if (this.simple.sortable && this.flat.scan(v) === SORTABLE) {
      this.bestLab = this.sortByProfile();
      return true;
    }
    this.refiner.start(root);
    this.explore(this.initial, []);
    return true;
  }

  /**
   * Each declared set's identities ordered by profile (hash, then the profile itself): an
   * insertion sort in a reused array, the sets being small and this running per successor.
   */
  private sortByProfile(): Int32Array {
    const by = this.flat;
    const lab = this.sorted;
    const key = by.key;
    let from = 0;
    for (const set of this.initial) {
      const to = from + set.length;
      for (let i = from; i < to; i++) {
        const g = set[i - from]!;
        let j = i;
        while (j > from) {
          const h = lab[j - 1]!;
          const c = key[h]! - key[g]! || by.compare(h, g);
          if (c <= 0) break;
          lab[j] = h;
          j--;
        }
        lab[j] = g;
      }
      from = to;
    }
    return lab;
  }

  /** The state's own bytes, for the exact automorphism tests (encoded on first need). */
  private ownBytes(): void {
    if (this.plainLen >= 0) return;
    this.plainLen = this.plainEnc.encode(this.state);
    this.plain = this.plainEnc.buf;
    this.plainAt = 0;
  }

  /** The representative of `v`'s orbit as bytes (a copy), for tests and the symmetry check. */
  bytesOf(v: unknown): Uint8Array {
    const e = this.out;
    return e.buf.slice(0, this.encodeRep(v, e));
  }

  /** `refined`: nothing to refine (only twins were split since the last refinement). */
  private explore(cells: number[][], fixed: number[], refined = false): void {
    if (!refined) {
      cells = this.refiner.refine(cells);
      this.refines++;
    }
    // Cells of twins are ordered as they stand: every identity relates to the twins alike, so
    // ordering them splits no other cell. The first cell that is not all twins is branched on.
    let ci = -1;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.length > 1 && !this.allTwins(cells[i]!)) {
        ci = i;
        break;
      }
    }
    if (ci < 0) return this.leaf(cells);
    let cell = cells[ci]!;
    if (cells.some((c, i) => i < ci && c.length > 1)) {
      const split: number[][] = [];
      for (let i = 0; i < cells.length; i++) {
        if (i < ci && cells[i]!.length > 1) {
          for (const g of cells[i]!) {
            split.push([g]);
            fixed = [...fixed, g];
          }
        } else split.push(cells[i]!);
      }
      cells = split;
      ci = cells.indexOf(cell);
      cell = cells[ci]!;
    }
    const tried: number[] = [];
    let first: number[][] | null = null;
    for (const g of cell) {
      if (tried.length > 0 && sameOrbit(this.autos, this.swaps, g, tried, fixed, cell)) continue;
      const rest = cell.filter((x) => x !== g);
      const child = this.refiner.refine([...cells.slice(0, ci), [g], rest, ...cells.slice(ci + 1)]);
      this.refines++;
      // Before descending, guess the automorphism that would map the first branch onto this
      // one (the two refined partitions laid side by side) and test it on the state.
      if (first !== null && this.isAutomorphism(first, child)) continue;
      first ??= child;
      tried.push(g);
      this.explore(child, [...fixed, g], true);
    }
  }

  /** Whether renaming position by position from partition `a` to partition `b` leaves the state unchanged; if so it is kept. */
  private isAutomorphism(a: readonly number[][], b: readonly number[][]): boolean {
    if (a.length !== b.length) return false;
    const p = new Int32Array(this.ids.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x.length !== y.length) return false;
      for (let j = 0; j < x.length; j++) p[x[j]!] = y[j]!;
    }
    if (hashAs(this.root!, p) >>> 0 !== this.stateHash()) return false;
    this.rename.clear();
    for (let g = 0; g < p.length; g++) if (p[g] !== g) this.rename.set(this.ids[g]!, this.ids[p[g]!]!);
    const len = this.encodeRenamed();
    this.ownBytes();
    if (len !== this.plainLen || compare(this.enc.buf, len, this.plain, this.plainAt, this.plainLen) !== 0) return false;
    this.autos.push(p);
    return true;
  }

  /** Every transposition of the cell's first identity with another leaves the state as it is. */
  private allTwins(cell: readonly number[]): boolean {
    const u = cell[0]!;
    for (let j = 1; j < cell.length; j++) if (!this.twin(u, cell[j]!)) return false;
    return true;
  }

  private twin(u: number, v: number): boolean {
    const key = u * this.ids.length + v;
    const known = this.twins.get(key);
    if (known !== undefined) return known;
    let same: boolean;
    if (this.simple.surelyTwins(u, v)) same = true;
    else if (this.swappedHash(u, v) !== this.stateHash()) same = false;
    else {
      this.fullTwinTests++;
      this.rename.clear();
      this.rename.set(this.ids[u]!, this.ids[v]!);
      this.rename.set(this.ids[v]!, this.ids[u]!);
      const len = this.encodeRenamed();
      this.ownBytes();
      same = len === this.plainLen && compare(this.enc.buf, len, this.plain, this.plainAt, this.plainLen) === 0;
    }
    if (same) this.swaps.push(u, v);
    this.twins.set(key, same);
    return same;
  }

  /** All identities ordered (cells of twins as they stand): the i-th identity met takes the name of global index i. */
  private leaf(cells: readonly number[][]): void {
    this.leaves++;
    const n = this.ids.length;
    const lab = new Int32Array(n);
    let i = 0;
    for (const c of cells) {
      for (const g of c) {
        lab[i] = g;
        this.pos[g] = i++;
      }
    }
    const h = hashAs(this.root!, this.pos) >>> 0;
    if (this.bestLab === null || h < this.bestHash) {
      this.bestLab = lab;
      this.bestHash = h;
      this.bestLen = -1;
      return;
    }
    if (h > this.bestHash) return;
    // Equal hashes: almost surely one renamed state, an automorphism; the bytes decide.
    this.encodeBest();
    this.renameBy(lab);
    const len = this.encodeRenamed();
    const c = compare(this.enc.buf, len, this.best, 0, this.bestLen);
    if (c < 0) {
      this.keep(len);
      this.bestLab = lab;
    } else if (c === 0) {
      // Two labellings give one state: their difference is an automorphism of it.
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[this.bestLab[i]!] = lab[i]!;
      this.autos.push(p);
    }
  }

  /** Every identity gets an entry (itself when unmoved): overwriting n keys is cheaper than clearing and inserting. */
  private renameBy(lab: Int32Array): void {
    for (let i = 0; i < lab.length; i++) this.rename.set(this.ids[lab[i]!]!, this.ids[i]!);
  }

  private encodeBest(): void {
    if (this.bestLen >= 0) return;
    this.renameBy(this.bestLab!);
    this.keep(this.encodeRenamed());
  }

  private keep(len: number): void {
    if (this.best.length < len) this.best = new Uint8Array(len * 2);
    this.best.set(this.enc.buf.subarray(0, len));
    this.bestLen = len;
  }

  private stateHash(): number {
    if (this.ownHash === -1) {
      for (let i = 0; i < this.pos.length; i++) this.pos[i] = i;
      this.ownHash = hashAs(this.root!, this.pos) >>> 0;
    }
    return this.ownHash;
  }

  private swappedHash(u: number, v: number): number {
    for (let i = 0; i < this.pos.length; i++) this.pos[i] = i;
    this.pos[u] = v;
    this.pos[v] = u;
    return hashAs(this.root!, this.pos) >>> 0;
  }

  /** `v` (the state searched, unless told) encoded under `rename` into this.enc; its length. */
  private encodeRenamed(v: unknown = this.state): number {
    this.enc.rename = this.rename;
    try {
      return this.enc.encode(v);
    } finally {
      this.enc.rename = null;
    }
  }
}

/** States canonicalised on the template after the flat walk found one not sortable. */
const FLAT_BACKOFF = 15;

function isIdentity(lab: Int32Array): boolean {
  for (let i = 0; i < lab.length; i++) if (lab[i] !== i) return false;
  return true;
}
