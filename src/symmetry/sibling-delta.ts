// Successors of one representative that are twin renamings of each other need one
// canonicalisation, not one each. A successor t is described by its delta against the parent r
// (the changes that make t out of r, found by walking both and skipping what they share, ===),
// serialised with the identities of r's twin classes renamed by first occurrence. Equal
// signatures prove t' = π(t) for a permutation π within the twin classes, which fixes r: one
// orbit, one representative (the proof is in docs/symmetry.md, "Siblings"). Anything unusual is
// a miss, and a miss only costs the canonicalisation it would have cost anyway.

import { isMap, isOrderedMap, Map as IMap } from "immutable";
import { Encoder } from "../fingerprint/encode.js";
import { FAST, IS_LIST, IS_RECORD, recordValues, smallListArray } from "../fingerprint/immutable-internals.js";
import { recordTypeOf } from "../fingerprint/record-types.js";
import type { SymmetrySets } from "./canon.js";
import { TwinClasses } from "./twin-classes.js";

/** Path steps and changes, as written into a signature. */
const FIELD = 0;
const INDEX = 1;
const KEY = 2;
const SET = 3;
const DELETE = 4;

/**
 * A renaming built as the signature is written: the k-th distinct identity of a twin class met
 * gets the class's k-th member. The Encoder only calls get(), so the renaming covers every
 * identity string it writes, wherever it stands (a Map only for the Encoder's type: its own
 * entries are unused).
 */
class FirstOccurrence extends Map<string, string> {
  private used: Int32Array = new Int32Array(8);
  /** Per identity (global index): its image, valid when stamp equals gen (no clearing per signature). */
  private readonly image: string[];
  private readonly stamp: Int32Array;
  private gen = 0;

  constructor(private readonly twins: TwinClasses) {
    super();
    this.image = new Array<string>(twins.size).fill("");
    this.stamp = new Int32Array(twins.size);
  }

  reset(): void {
    const n = this.twins.classes.length;
    if (this.used.length < n) this.used = new Int32Array(n * 2);
    this.used.fill(0, 0, n);
    if (++this.gen === 0x7fffffff) {
      this.gen = 1;
      this.stamp.fill(0);
    }
  }

  override get(s: string): string | undefined {
    const g = this.twins.index.get(s);
    if (g === undefined) return undefined;
    const c = this.twins.classOf[g]!;
    if (c < 0) return undefined;
    if (this.stamp[g] === this.gen) return this.image[g];
    const x = this.twins.classes[c]![this.used[c]!++]!;
    this.stamp[g] = this.gen;
    this.image[g] = x;
    return x;
  }
}

/** The fields of Immutable's Map trie nodes read here (ArrayMap, BitmapIndexed, HashArrayMap, HashCollision, Value). */
interface MapNode {
  readonly entries?: readonly (readonly [unknown, unknown])[];
  readonly entry?: readonly [unknown, unknown];
  readonly bitmap?: number;
  readonly count?: number;
  readonly nodes?: readonly (MapNode | undefined)[];
}

/** This thread's counts since it started, for measurements (bench/sibling-skip.ts): parents
 * looked at, those with twins, signatures computed, successors matched (not canonicalised). */
export const siblingTally = { parents: 0, withTwins: 0, signed: 0, matched: 0 };

/** Parents per window of the pay test, and windows passed by (not matched) after one that did not pay. */
const WINDOW = 1024;
const PAUSE = 15;

/** More entry pairs than this in two unlike subtrees of a Map: give up (a miss) rather than compare them all. */
const UNLIKE = 1024;

export class SiblingSignatures {
  private readonly twins: TwinClasses;
  private readonly rename: FirstOccurrence;
  /**
   * The signatures of this parent's successors, one after another, in two arenas: the numbers
   * (action, path lengths, field and list indices, operations) in `head`, and the values (Map
   * keys, new values) in their canonical encoding in `enc`. The numbers say how many values
   * follow, and each encoding is self-delimiting, so the pair is read back one way only.
   */
  private readonly enc = new Encoder();
  private end = 0;
  private head: Int32Array = new Int32Array(256);
  private hEnd = 0;
  /** Per successor: its values' offset and length, its numbers' offset and length. */
  private slot: Int32Array = new Int32Array(256);
  /** Signature hash → the first successor with it. */
  private readonly table = new Map<number, number>();
  /** The path from the root to the value being compared: kinds and keys. */
  private readonly kind: number[] = [];
  private readonly key: unknown[] = [];
  private depth = 0;
  /** Successors matched to an earlier sibling, and signatures computed, since construction. */
  hits = 0;
  tried = 0;
  /** Parents of this window so far; hits and tried when it began; parents left to pass by. */
  private seen = 0;
  private hitsBefore = 0;
  private triedBefore = 0;
  private paused = 0;

  /** Whether Immutable's Map trie reads as expected here (else no successor is ever matched). */
  private readonly readable = layoutReadable();

  constructor(sym: SymmetrySets) {
    this.twins = new TwinClasses(sym);
    this.rename = new FirstOccurrence(this.twins);
  }

  /**
   * Starts on parent `r`; false when no two of its identities are twins (nothing can match), or
   * while paused: where matches are too rare to pay for the twin classes (about one
   * canonicalisation a parent) and the signatures, they are looked for in one window of parents
   * out of PAUSE + 1. Matching or not changes no result, only the time.
   */
  start(r: unknown): boolean {
    this.table.clear();
    this.end = 0;
    this.hEnd = 0;
    if (this.paused > 0) {
      this.paused--;
      return false;
    }
    if (++this.seen === WINDOW) {
      // a match saves a canonicalisation; the twin classes cost about one, a signature a tenth
      if (this.hits - this.hitsBefore < WINDOW + (this.tried - this.triedBefore) / 10) this.paused = PAUSE * WINDOW;
      this.seen = 0;
      this.hitsBefore = this.hits;
      this.triedBefore = this.tried;
    }
    siblingTally.parents++;
    const ok = this.readable && this.twins.of(r);
    if (ok) siblingTally.withTwins++;
    return ok;
  }

  /**
   * Successor j, `t` by action `a` from parent `r`: the index of an earlier sibling it is a twin
   * renaming of, or -1 (then it is remembered, to be matched by later siblings).
   */
  match(r: unknown, a: number, t: unknown, j: number): number {
    this.tried++;
    siblingTally.signed++;
    const at = this.end;
    const hAt = this.hEnd;
    if (!this.signature(r, a, t)) {
      this.end = at;
      this.hEnd = hAt;
      return -1;
    }
    const len = this.end - at;
    const hLen = this.hEnd - hAt;
    const buf = this.enc.buf;
    const head = this.head;
    let h = 0x811c9dc5 ^ len;
    for (let i = hAt; i < this.hEnd; i++) h = Math.imul(h ^ head[i]!, 0x01000193);
    for (let i = at; i < this.end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const i = this.table.get(h);
    const slot = this.slot;
    if (i !== undefined && slot[4 * i + 1] === len && slot[4 * i + 3] === hLen && same(head, slot[4 * i + 2]!, hAt, hLen) && same(buf, slot[4 * i]!, at, len)) {
      this.end = at;
      this.hEnd = hAt;
      this.hits++;
      siblingTally.matched++;
      return i;
    }
    if (4 * j + 4 > slot.length) this.slot = grown(slot, 4 * j + 4);
    this.slot[4 * j] = at;
    this.slot[4 * j + 1] = len;
    this.slot[4 * j + 2] = hAt;
    this.slot[4 * j + 3] = hLen;
    if (i === undefined) this.table.set(h, j);
    return -1;
  }

  /** Writes the action and t's changes against r into the arena; false: give up. */
  private signature(r: unknown, a: number, t: unknown): boolean {
    this.rename.reset();
    this.depth = 0;
    this.enc.rename = this.rename;
    try {
      this.int(a);
      return this.diff(r, t);
    } catch {
      // not a state, most likely: the plain path reports it
      return false;
    } finally {
      this.enc.rename = null;
    }
  }

  private item(x: unknown): void {
    this.end += this.enc.encode(x, this.end);
  }

  private int(x: number): void {
    if (this.hEnd === this.head.length) this.head = grown(this.head, this.hEnd + 1);
    this.head[this.hEnd++] = x;
  }

  /** One change at the current path: the path, then SET and the new value, or DELETE. */
  private change(op: number, v: unknown): void {
    this.int(this.depth);
    for (let i = 0; i < this.depth; i++) {
      const k = this.kind[i]!;
      this.int(k);
      if (k === KEY) this.item(this.key[i]!);
      else this.int(this.key[i] as number);
    }
    this.int(op);
    if (op === SET) this.item(v);
  }

  private push(kind: number, key: unknown): void {
    this.kind[this.depth] = kind;
    this.key[this.depth++] = key;
  }

  /** The changes that turn a into b, at the current path. */
  private diff(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) {
      const x = a as { [flag: string]: unknown };
      const y = b as { [flag: string]: unknown };
      if (x[IS_RECORD] === true && y[IS_RECORD] === true) {
        if (Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) return this.diffRecord(a, b);
      } else if (x[IS_LIST] === true && y[IS_LIST] === true) {
        const p = smallListArray(a);
        const q = smallListArray(b);
        if (p !== undefined && q !== undefined && p.length === q.length) return this.diffList(p, q);
      } else if (isMap(a) && isMap(b) && !isOrderedMap(a) && !isOrderedMap(b)) {
        const p = a as { size: number; _root?: MapNode };
        const q = b as { size: number; _root?: MapNode };
        if (p.size > 0 && q.size > 0) return this.diffNode(p._root, q._root);
      }
    }
    this.change(SET, b);
    return true;
  }

  private diffRecord(a: object, b: object): boolean {
    const p = recordValues(a);
    const q = recordValues(b);
    if (p === undefined || q === undefined) return false;
    const t = recordTypeOf(a);
    for (let i = 0; i < t.keys.length; i++) {
      const u = p[i];
      const v = q[i];
      if (u === v) continue;
      const d = t.defaults[t.keys[i]!];
      this.push(FIELD, i);
      const ok = this.diff(u === undefined ? d : u, v === undefined ? d : v);
      this.depth--;
      if (!ok) return false;
    }
    return true;
  }

  private diffList(p: readonly unknown[], q: readonly unknown[]): boolean {
    for (let i = 0; i < p.length; i++) {
      if (p[i] === q[i]) continue;
      this.push(INDEX, i);
      const ok = this.diff(p[i], q[i]);
      this.depth--;
      if (!ok) return false;
    }
    return true;
  }

  /** Two subtrees of Maps at the same place of the trie: alike nodes pairwise, else by their entries. */
  private diffNode(x: MapNode | undefined, y: MapNode | undefined): boolean {
    if (x === y) return true;
    if (x !== undefined && y !== undefined) {
      if (x.bitmap !== undefined && x.bitmap === y.bitmap) return this.diffKids(x.nodes!, y.nodes!);
      if (x.count !== undefined && y.count !== undefined) return this.diffKids(x.nodes!, y.nodes!);
      const e = x.entry;
      const f = y.entry;
      if (e !== undefined && f !== undefined && e[0] === f[0] && primitive(e[0])) return this.entry(e[0], e[1], f[1]);
    }
    const A: (readonly [unknown, unknown])[] = [];
    const B: (readonly [unknown, unknown])[] = [];
    if (!entriesOf(x, A) || !entriesOf(y, B) || A.length * B.length > UNLIKE) return false;
    const matched = new Uint8Array(A.length);
    for (const [k, v] of B) {
      let i = 0;
      while (i < A.length && A[i]![0] !== k) i++;
      if (i < A.length) {
        matched[i] = 1;
        if (!this.entry(k, A[i]![1], v)) return false;
      } else {
        this.push(KEY, k);
        this.change(SET, v);
        this.depth--;
      }
    }
    for (let i = 0; i < A.length; i++) {
      if (matched[i] === 1) continue;
      this.push(KEY, A[i]![0]);
      this.change(DELETE, null);
      this.depth--;
    }
    return true;
  }

  private diffKids(p: readonly (MapNode | undefined)[], q: readonly (MapNode | undefined)[]): boolean {
    const n = Math.max(p.length, q.length);
    for (let i = 0; i < n; i++) if (!this.diffNode(p[i], q[i])) return false;
    return true;
  }

  private entry(k: unknown, u: unknown, v: unknown): boolean {
    if (u === v) return true;
    this.push(KEY, k);
    const ok = this.diff(u, v);
    this.depth--;
    return ok;
  }
}

function primitive(k: unknown): boolean {
  return typeof k !== "object" || k === null;
}

/** Every entry under a trie node; false when a key is an object (=== would not be Immutable's equality). */
function entriesOf(n: MapNode | undefined, out: (readonly [unknown, unknown])[]): boolean {
  if (n === undefined) return true;
  if (n.entry !== undefined) {
    out.push(n.entry);
    return primitive(n.entry[0]);
  }
  if (n.entries !== undefined) {
    for (const e of n.entries) {
      out.push(e);
      if (!primitive(e[0])) return false;
    }
    return true;
  }
  if (n.nodes === undefined) return false;
  for (const c of n.nodes) if (!entriesOf(c, out)) return false;
  return true;
}

function grown(x: Int32Array, need: number): Int32Array {
  const y = new Int32Array(Math.max(need, x.length * 2));
  y.set(x);
  return y;
}

function same(b: Uint8Array | Int32Array, i: number, j: number, len: number): boolean {
  for (let q = 0; q < len; q++) if (b[i + q] !== b[j + q]) return false;
  return true;
}

/** Maps of several sizes and histories: the trie is read as expected (else no successor is ever matched). */
function verify(): boolean {
  try {
    for (const n of [0, 3, 8, 9, 17, 40, 300]) {
      let m = IMapOf(n);
      for (const [k, x] of [["k1", -1], ["new", 5], ["k7", 2]] as const) m = m.set(k, x);
      for (const d of [m, m.delete("k2").delete("k3"), m.filter((_, k) => k !== "k0")]) {
        const out: (readonly [unknown, unknown])[] = [];
        if (!entriesOf((d as unknown as { _root?: MapNode })._root, out) || out.length !== d.size) return false;
        if (!out.every(([k, x]) => d.get(k as string) === x)) return false;
      }
    }
    return FAST;
  } catch {
    return false;
  }
}

function IMapOf(n: number): IMap<string, number> {
  return IMap(Array.from({ length: n }, (_, i) => [`k${i}`, i] as const));
}

let layout: boolean | undefined;
/** verify(), once per thread, when the first search by symmetry needs it (not at every start-up). */
function layoutReadable(): boolean {
  return (layout ??= verify());
}
