// The sortable case of twins.ts's SimpleOccurrences found straight from the state, with no
// template: one walk that allocates nothing, as cheap as an encoding. Most symmetric kernel specs
// keep per-actor state in a Map keyed by identity and nothing else names an actor, and there the
// walk is all the canonicaliser needs. It gives the same profiles (same collection numbering,
// same value hashes) as the template path, hence the same order and the same representative.

import { is } from "immutable";
import { Encoder } from "../fingerprint/encode.js";
import { FAST, IS_LIST, IS_RECORD, recordValues, smallListArray, smallMapEntries } from "../fingerprint/immutable-internals.js";
import { recordTypeOf } from "../fingerprint/record-types.js";
import { isMap, isOrderedMap, isOrderedSet, isSet, isStack, type List } from "immutable";
import { compare } from "./automorphisms.js";
import { FreeHash, fmix, mix } from "./template.js";

/** scan()'s answers: no identity in the state; every identity sortable by profile; neither. */
export const NONE = 0;
export const SORTABLE = 1;
export const OTHER = 2;

export class FlatProfiles {
  /** Per identity: a hash of its profile, as SimpleOccurrences.key. */
  readonly key: Float64Array;
  /** Per identity, its first cnt[g] occurrences: the collection's number, the value's hash and the value (a Set member: NO_VALUE). */
  private readonly at: number[][];
  private readonly vh: number[][];
  private readonly val: unknown[][];
  private readonly cnt: Int32Array;
  private readonly free: FreeHash;
  private readonly ea = new Encoder();
  private readonly eb = new Encoder();
  private seq = 0;
  /** The collection being scanned took a number (-1: not yet; it gets one at its first identity). */
  private here = -1;
  private found = false;
  private other = false;

  constructor(private readonly index: ReadonlyMap<string, number>) {
    const n = index.size;
    this.key = new Float64Array(n);
    this.cnt = new Int32Array(n);
    this.at = Array.from({ length: n }, () => []);
    this.vh = Array.from({ length: n }, () => []);
    this.val = Array.from({ length: n }, () => []);
    this.free = new FreeHash(index);
  }

  /** Walks `v`; on SORTABLE the profiles are ready for compare(). OTHER stops at the first sign. */
  scan(v: unknown): number {
    this.cnt.fill(0);
    this.key.fill(0);
    this.seq = 0;
    this.found = false;
    this.other = false;
    this.ordered(v);
    return this.other ? OTHER : this.found ? SORTABLE : NONE;
  }

  /** Orders two identities by profile: SimpleOccurrences.compare on the same data. */
  compare(u: number, v: number): number {
    const au = this.at[u]!;
    const av = this.at[v]!;
    const cu = this.cnt[u]!;
    const cv = this.cnt[v]!;
    const n = Math.min(cu, cv);
    for (let i = 0; i < n; i++) {
      if (au[i] !== av[i]) return au[i]! - av[i]!;
      const c = compareValues(this.val[u]![i], this.vh[u]![i]!, this.val[v]![i], this.vh[v]![i]!, this.ea, this.eb);
      if (c !== 0) return c;
    }
    return cu - cv;
  }

  /** A value reached from the root through Records, Lists and ordered collections alone. */
  private ordered(v: unknown): void {
    if (this.other) return;
    if (typeof v === "string") {
      if (this.index.has(v)) this.other = true;
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const o = v as { [flag: string]: unknown };
    if (o[IS_RECORD] === true) {
      const t = recordTypeOf(v);
      const vals = FAST ? recordValues(v) : undefined;
      for (let i = 0; i < t.keys.length; i++) {
        const x = vals === undefined ? (v as { get(k: string): unknown }).get(t.keys[i]!) : vals[i];
        this.ordered(x === undefined ? t.defaults[t.keys[i]!] : x);
      }
      return;
    }
    if (o[IS_LIST] === true) {
      const a = FAST ? smallListArray(v) : undefined;
      if (a !== undefined) for (let i = 0; i < a.length; i++) this.ordered(a[i]);
      else for (const x of v as List<unknown>) this.ordered(x);
      return;
    }
    const each = v as { forEach(f: (x: unknown, k: unknown) => unknown): void };
    if (isMap(v) && !isOrderedMap(v)) {
      this.here = -1;
      const e = FAST ? smallMapEntries(v) : undefined;
      if (e !== undefined) for (let i = 0; i < e.length && !this.other; i++) this.entry(e[i]![0], e[i]![1]);
      else {
        each.forEach((x, k) => {
          this.entry(k, x);
          return !this.other;
        });
      }
    } else if (isSet(v) && !isOrderedSet(v)) {
      this.here = -1;
      each.forEach((x) => {
        const g = typeof x === "string" ? this.index.get(x) : undefined;
        if (g !== undefined) this.note(g, NO_VALUE, false);
        else this.mustBeFree(x);
        return !this.other;
      });
    } else if (isOrderedMap(v)) {
      each.forEach((x, k) => {
        this.ordered(k);
        this.ordered(x);
        return !this.other;
      });
    } else if (isOrderedSet(v) || isStack(v)) {
      each.forEach((x) => {
        this.ordered(x);
        return !this.other;
      });
    }
  }

  private entry(k: unknown, x: unknown): void {
    const g = typeof k === "string" ? this.index.get(k) : undefined;
    if (g !== undefined) this.note(g, x, true);
    else {
      this.mustBeFree(k);
      this.mustBeFree(x);
    }
  }

  /** Inside a Set or Map nothing but its own members and keys may be an identity. */
  private mustBeFree(v: unknown): number {
    this.free.hit = false;
    const h = this.free.of(v);
    if (this.free.hit) this.other = true;
    return h;
  }

  private note(g: number, x: unknown, keyed: boolean): void {
    const h = keyed ? this.mustBeFree(x) : 0;
    if (this.here < 0) this.here = this.seq++;
    this.found = true;
    const i = this.cnt[g]!++;
    this.at[g]![i] = this.here;
    this.vh[g]![i] = h;
    this.val[g]![i] = x;
    this.key[g] = fmix(mix(mix(this.key[g]!, this.here), keyed ? h : 0x6a09e667)) >>> 0;
  }
}

/** A Set member's value: no value at all (a Map value may be anything, null and undefined included). */
const NO_VALUE = Symbol("no value");

/**
 * Orders two values met at the same place of two profiles, `ha` and `hb` their template hashes:
 * no value (a Set member) first, then by hash, then (equal hashes of different values) by bytes.
 */
function compareValues(a: unknown, ha: number, b: unknown, hb: number, ea: Encoder, eb: Encoder): number {
  if (a === b) return 0;
  if (a === NO_VALUE || b === NO_VALUE) return a === NO_VALUE ? -1 : 1;
  if (ha !== hb) return (ha >>> 0) - (hb >>> 0);
  if (is(a, b)) return 0;
  const la = ea.encode(a); // before reading buf: encoding may grow it
  const lb = eb.encode(b);
  return compare(ea.buf, la, eb.buf, 0, lb);
}
