// A state's shape as the orbit canonicaliser sees it: the tree of its collections, with every
// subtree that holds no identity folded into one hash and every identity occurrence a leaf
// naming it. Partition refinement runs on this tree many times per state; the Immutable walk
// happens once. Hashes here are deterministic (no Immutable.hash, whose object hashes differ
// between threads), so every worker picks the same representative.

import { isMap, isOrderedMap, isOrderedSet, isSet, isStack, type List } from "immutable";
import { FAST, IS_LIST, IS_RECORD, recordValues, smallListArray } from "../fingerprint/immutable-internals.js";
import { recordTypeOf } from "../fingerprint/record-types.js";

/** LEAF: no identity inside (`h` is its hash); ID: identity `id`; ORD/UNORD: children in order / as a multiset. */
export const LEAF = 0;
export const ID = 1;
export const ORD = 2;
export const UNORD = 3;

export interface TNode {
  readonly k: number;
  /** LEAF: the value's hash; ORD/UNORD: the hash under the current colouring (refine.ts sets it). */
  h: number;
  /** ID: the identity's global index; ORD/UNORD: a tag for the collection's kind (and Record type). */
  readonly id: number;
  readonly kids: readonly TNode[];
  /** The value itself (twins.ts compares values exactly); null for a Map entry. */
  readonly v: unknown;
  /** ORD/UNORD: the kind of collection (K_MAP, K_SET, ...). */
  readonly c: number;
}

const NO_KIDS: readonly TNode[] = [];

export function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const F64 = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64.buffer);
const K_LIST = 0x1001;
export const K_MAP = 0x1002;
const K_OMAP = 0x1003;
export const K_SET = 0x1004;
const K_OSET = 0x1005;
const K_STACK = 0x1006;
const K_ENTRY = 0x1007;
/** A Map entry's tag as fold() makes it: two children. */
const ENTRY_TAG = mix(K_ENTRY, 2);

/** Builds templates against one identity table (identity string → global index). */
export class TemplateBuilder {
  /** Identity leaves met in the last build, with their global indices (one per occurrence). */
  occurrences = 0;

  constructor(private readonly index: ReadonlyMap<string, number>) {}

  build(v: unknown): TNode {
    this.occurrences = 0;
    return this.node(v);
  }

  private leaf(h: number, v: unknown): TNode {
    return { k: LEAF, h, id: 0, kids: NO_KIDS, v, c: 0 };
  }

  private node(v: unknown): TNode {
    switch (typeof v) {
      case "number":
        if ((v & 0x7f) === v) return SMALL[v]!;
        return this.leaf(numberHash(v), v);
      case "string": {
        const g = this.index.get(v);
        if (g !== undefined) {
          this.occurrences++;
          return { k: ID, h: 0, id: g, kids: NO_KIDS, v, c: 0 };
        }
        return this.leaf(stringHash(v), v);
      }
      case "boolean":
        return v ? TRUE : FALSE;
      case "object":
        if (v === null) return NULL;
        return this.collection(v);
      default:
        // the encoder has already accepted this state: nothing else reaches here
        return this.leaf(0x57, v);
    }
  }

  private collection(v: object): TNode {
    const o = v as { [flag: string]: unknown };
    if (o[IS_RECORD] === true) {
      const t = recordTypeOf(v);
      const vals = FAST ? recordValues(v) : undefined;
      const kids = t.keys.map((key, i) => {
        const x = vals === undefined ? (v as { get(k: string): unknown }).get(key) : vals[i];
        return this.node(x === undefined ? t.defaults[key] : x);
      });
      return this.fold(ORD, t.id, kids, v);
    }
    if (o[IS_LIST] === true) {
      const l = v as List<unknown>;
      const a = FAST ? smallListArray(l) : undefined;
      const kids = a !== undefined ? a.map((x) => this.node(x)) : l.toArray().map((x) => this.node(x));
      return this.fold(ORD, K_LIST, kids, v);
    }
    if (isOrderedMap(v) || isMap(v)) {
      const kids: TNode[] = [];
      (v as { forEach(f: (x: unknown, k: unknown) => void): void }).forEach((x, k) => {
        kids.push(this.fold(ORD, K_ENTRY, [this.node(k), this.node(x)], null));
      });
      return isOrderedMap(v) ? this.fold(ORD, K_OMAP, kids, v) : this.fold(UNORD, K_MAP, kids, v);
    }
    if (isOrderedSet(v) || isSet(v) || isStack(v)) {
      const kids: TNode[] = [];
      (v as { forEach(f: (x: unknown) => void): void }).forEach((x) => {
        kids.push(this.node(x));
      });
      return isSet(v) && !isOrderedSet(v) ? this.fold(UNORD, K_SET, kids, v) : this.fold(ORD, isStack(v) ? K_STACK : K_OSET, kids, v);
    }
    return this.leaf(0x58, v);
  }

  /** A collection node; folded into a leaf when no identity is inside. */
  private fold(k: number, tag: number, kids: TNode[], v: unknown): TNode {
    for (const c of kids) if (c.k !== LEAF) return { k, h: 0, id: mix(tag, kids.length), kids, v, c: tag };
    return this.leaf(k === ORD ? ordHash(mix(tag, kids.length), kids) : unordHash(mix(tag, kids.length), kids), v);
  }
}

/**
 * The hash a template leaf of `v` would have, computed without building the template (no
 * allocation): `hit` is set instead when an identity occurs in `v`, and the result is then
 * meaningless. The same hash as TemplateBuilder's, so a profile sorted by it orders as before.
 */
export class FreeHash {
  hit = false;

  constructor(private readonly index: ReadonlyMap<string, number>) {}

  of(v: unknown): number {
    switch (typeof v) {
      case "number":
        return numberHash(v);
      case "string":
        if (this.index.has(v)) this.hit = true;
        return stringHash(v);
      case "boolean":
        return v ? TRUE.h : FALSE.h;
      case "object":
        return v === null ? NULL.h : this.collection(v);
      default:
        return 0x57;
    }
  }

  private collection(v: object): number {
    const o = v as { [flag: string]: unknown };
    let h: number;
    if (o[IS_RECORD] === true) {
      const t = recordTypeOf(v);
      const vals = FAST ? recordValues(v) : undefined;
      h = mix(t.id, t.keys.length);
      for (let i = 0; i < t.keys.length && !this.hit; i++) {
        const x = vals === undefined ? (v as { get(k: string): unknown }).get(t.keys[i]!) : vals[i];
        h = mix(h, this.of(x === undefined ? t.defaults[t.keys[i]!] : x));
      }
      return fmix(h);
    }
    if (o[IS_LIST] === true) {
      const l = v as List<unknown>;
      h = mix(K_LIST, l.size);
      const a = FAST ? smallListArray(l) : undefined;
      if (a !== undefined) for (let i = 0; i < a.length && !this.hit; i++) h = mix(h, this.of(a[i]));
      else for (const x of l) h = mix(h, this.of(x));
      return fmix(h);
    }
    const each = v as { forEach(f: (x: unknown, k: unknown) => unknown): void; size: number };
    const unordered = (isMap(v) && !isOrderedMap(v)) || (isSet(v) && !isOrderedSet(v));
    if (isOrderedMap(v) || isMap(v)) {
      h = unordered ? 0 : mix(K_OMAP, each.size);
      each.forEach((x, k) => {
        const e = fmix(mix(mix(ENTRY_TAG, this.of(k)), this.of(x)));
        h = unordered ? (h + fmix(e ^ 0x2545f491)) | 0 : mix(h, e);
        return !this.hit;
      });
      return unordered ? fmix(mix(mix(K_MAP, each.size), h)) : fmix(h);
    }
    if (isOrderedSet(v) || isSet(v) || isStack(v)) {
      h = unordered ? 0 : mix(isStack(v) ? K_STACK : K_OSET, each.size);
      each.forEach((x) => {
        const e = this.of(x);
        h = unordered ? (h + fmix(e ^ 0x2545f491)) | 0 : mix(h, e);
        return !this.hit;
      });
      return unordered ? fmix(mix(mix(K_SET, each.size), h)) : fmix(h);
    }
    return 0x58;
  }
}

function numberHash(v: number): number {
  if ((v | 0) === v) return mix(0x51, v);
  F64[0] = v;
  return mix(mix(0x52, F64_WORDS[0]!), F64_WORDS[1]!);
}

function stringHash(v: string): number {
  let h = 0x53 ^ v.length;
  for (let i = 0; i < v.length; i++) h = mix(h, v.charCodeAt(i));
  return h;
}

export function ordHash(tag: number, kids: readonly TNode[]): number {
  let h = tag;
  for (let i = 0; i < kids.length; i++) h = mix(h, kids[i]!.h);
  return fmix(h);
}

/** A commutative combination: the children of a Map or Set in any order give the same hash. */
export function unordHash(tag: number, kids: readonly TNode[]): number {
  let sum = 0;
  for (let i = 0; i < kids.length; i++) sum = (sum + fmix(kids[i]!.h ^ 0x2545f491)) | 0;
  return fmix(mix(tag, sum));
}

// Leaves are never changed once built: the commonest are shared rather than made per state.
const leafOf = (h: number, v: unknown): TNode => ({ k: LEAF, h, id: 0, kids: NO_KIDS, v, c: 0 });
const SMALL = Array.from({ length: 128 }, (_, i) => leafOf(mix(0x51, i), i));
const TRUE = leafOf(0x54, true);
const FALSE = leafOf(0x55, false);
const NULL = leafOf(0x56, null);

