// Canonical encoding of a state into bytes: the input of the fingerprint and the compact form
// states take in the frontier and between workers. Equal states (Immutable.is) give equal bytes:
// records in declared field order, lists in order, unordered maps and sets sorted by bytes.
// Hot path: no allocation per value except the sort of unordered collections.

import { isList, isMap, isOrderedMap, isOrderedSet, isRecord, isSet, isStack, isImmutable, type List } from "immutable";
import { FAST, IS_LIST, IS_RECORD, recordValues, smallListArray, smallMapEntries } from "./immutable-internals.js";
import { recordTypeOf } from "./record-types.js";
import * as T from "./tags.js";

/** Thrown when a value is not a state; `path` locates it inside the state. */
export class NotAStateError extends Error {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path === "" ? "the value" : path} is ${what}`);
  }
}

export class Encoder {
  buf = new Uint8Array(4096);
  pos = 0;
  /** Identity renaming (symmetry): strings found here are written as their image. */
  rename: ReadonlyMap<string, string> | null = null;
  /**
   * Symmetry: each identity's place in the byte order of the identities' encodings (after
   * renaming). A Map or Set whose keys are all identities is then sorted by these integers
   * instead of by comparing bytes: the same order, found without reading a byte (a renamed Map
   * of 24 threads was 29% of pgmap-gup NG=24's CPU, comparing keys that share their prefix).
   */
  ranks: ReadonlyMap<string, number> | null = null;
  private scratch = new Uint8Array(4096);
  /** sorted()'s offset arrays, one per nesting depth of unordered collections. */
  private readonly pool: Int32Array[] = [];
  private depth = 0;

  /**
   * Encodes `v` at offset `at` (the bytes before it are kept) and returns its length in bytes;
   * the bytes are in `buf`, which may have been replaced by a larger copy.
   */
  encode(v: unknown, at = 0): number {
    this.pos = at;
    this.depth = 0;
    try {
      this.value(v);
    } catch (e) {
      if (e instanceof NotAStateError) throw locate(v) ?? e;
      if (e instanceof RangeError && /Invalid typed array length|Array buffer allocation/.test(e.message)) throw e;
      throw e;
    }
    return this.pos - at;
  }

  /** Writes bytes[0 .. len) at offset `at`, dropping what followed; returns len. */
  put(bytes: Uint8Array, len: number, at: number): number {
    this.pos = at;
    this.ensure(len);
    this.buf.set(bytes.subarray(0, len), at);
    this.pos = at + len;
    return len;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }

  private byte(x: number): void {
    this.ensure(1);
    this.buf[this.pos++] = x;
  }

  private varint(n: number): void {
    this.ensure(5);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }

  private u32(n: number): void {
    this.ensure(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = n;
    b[p + 1] = n >>> 8;
    b[p + 2] = n >>> 16;
    b[p + 3] = n >>> 24;
    this.pos = p + 4;
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case "number":
        // -0 takes the int path and becomes 0, as Immutable.is(0, -0) says.
        if ((v & 0x7f) === v) {
          this.byte(T.TAG_SMALL_INT | v);
        } else if ((v | 0) === v) {
          this.byte(T.TAG_INT);
          this.u32(v);
        } else if (v === v) {
          this.byte(T.TAG_FLOAT);
          this.ensure(8);
          F64[0] = v;
          this.buf.set(F64_BYTES, this.pos);
          this.pos += 8;
        } else {
          throw new NotAStateError("", "NaN");
        }
        return;
      case "string": {
        if (this.rename !== null) v = this.rename.get(v) ?? v;
        const n = (v as string).length;
        this.byte(T.TAG_STRING);
        this.varint(n);
        this.ensure(2 * n);
        const b = this.buf;
        let p = this.pos;
        for (let i = 0; i < n; i++) {
          const c = (v as string).charCodeAt(i);
          b[p++] = c;
          b[p++] = c >>> 8;
        }
        this.pos = p;
        return;
      }
      case "boolean":
        this.byte(v ? T.TAG_TRUE : T.TAG_FALSE);
        return;
      case "object":
        if (v === null) this.byte(T.TAG_NULL);
        else this.collection(v);
        return;
      default:
        throw new NotAStateError("", describeNonState(v));
    }
  }

  private collection(v: object): void {
    // Immutable marks its collections with string-keyed flags; reading them directly is the
    // cheapest dispatch (isRecord() and friends do the same behind a call).
    const o = v as { [flag: string]: unknown };
    if (o[IS_RECORD] === true) this.record(v);
    else if (o[IS_LIST] === true) this.list(v as List<unknown>);
    else if (isOrderedMap(v)) {
      this.byte(T.TAG_ORDERED_MAP);
      this.varint(v.size);
      for (const [k, x] of v) {
        this.value(k);
        this.value(x);
      }
    } else if (isMap(v)) {
      this.byte(T.TAG_MAP);
      this.varint(v.size);
      const e = FAST ? smallMapEntries(v) : undefined;
      if (e !== undefined) this.sorted(e.length, (visit) => { for (const [k, x] of e) visit(k, x); }, true);
      else this.sorted(v.size, (visit) => v.forEach((x, k) => visit(k, x)), true);
    } else if (isOrderedSet(v)) {
      this.byte(T.TAG_ORDERED_SET);
      this.varint(v.size);
      for (const x of v) this.value(x);
    } else if (isSet(v)) {
      this.byte(T.TAG_SET);
      this.varint(v.size);
      this.sorted(v.size, (visit) => v.forEach((x) => visit(x, undefined)), false);
    } else if (isStack(v)) {
      this.byte(T.TAG_STACK);
      this.varint(v.size);
      for (const x of v) this.value(x);
    } else {
      throw new NotAStateError("", describeNonState(v));
    }
  }

  private record(v: object): void {
    const t = recordTypeOf(v);
    this.byte(T.TAG_RECORD);
    this.u32(t.id);
    const keys = t.keys;
    const vals = FAST ? recordValues(v) : undefined;
    if (vals !== undefined) {
      for (let i = 0; i < keys.length; i++) {
        const x = vals[i];
        this.value(x === undefined ? t.defaults[keys[i]!] : x);
      }
    } else {
      const r = v as { get(k: string): unknown };
      for (let i = 0; i < keys.length; i++) this.value(r.get(keys[i]!));
    }
  }

  private list(v: List<unknown>): void {
    const n = v.size;
    this.byte(T.TAG_LIST);
    this.varint(n);
    const a = FAST ? smallListArray(v) : undefined;
    if (a === undefined) {
      for (let i = 0; i < n; i++) this.value(v.get(i));
      return;
    }
    // Small counters and flags are most list elements in kernel models: write them inline.
    for (let i = 0; i < n; i++) {
      const x = a[i];
      if (this.pos === this.buf.length) this.ensure(1);
      if (typeof x === "number" && (x & 0x7f) === x) this.buf[this.pos++] = T.TAG_SMALL_INT | x;
      else if (x === true) this.buf[this.pos++] = T.TAG_TRUE;
      else if (x === false) this.buf[this.pos++] = T.TAG_FALSE;
      else this.value(x);
    }
  }

  /**
   * Writes the entries of an unordered collection sorted by their encoded key, so that two
   * equal Maps or Sets built in different orders give the same bytes.
   */
  private sorted(n: number, each: (visit: (k: unknown, x: unknown) => void) => void, withValue: boolean): void {
    const start = this.pos;
    // Offsets in a pooled array per nesting depth (a Map's values may be Maps): entry j's key
    // is at [a[j], a[n+j]), the whole entry at [a[j], a[2n+j]); a[3n..4n) is the sorted order.
    const d = this.depth++;
    let a = this.pool[d];
    if (a === undefined || a.length < 5 * n) a = this.pool[d] = new Int32Array(Math.max(64, 10 * n));
    const pool = a;
    let i = 0;
    // a[4n..5n): the keys' ranks, while every key is an identity (ranks given)
    const ranks = this.ranks;
    let ranked = ranks !== null;
    each((k, x) => {
      if (ranked) {
        const r = typeof k === "string" ? ranks!.get(this.rename?.get(k) ?? k) : undefined;
        if (r === undefined) ranked = false;
        else pool[4 * n + i] = r;
      }
      pool[i] = this.pos;
      this.value(k);
      pool[n + i] = this.pos;
      if (withValue) this.value(x);
      pool[2 * n + i++] = this.pos;
    });
    this.depth = d;
    if (ranked) this.sortRanked(start, n, pool);
    else this.sortBytes(start, n, pool);
  }

  /** sorted(): orders entries by their keys' ranks (distinct identities: no ties), then places them. */
  private sortRanked(start: number, n: number, pool: Int32Array): void {
    const ord = 3 * n;
    const rk = 4 * n;
    let moved = false;
    for (let j = 0; j < n; j++) {
      const r = pool[rk + j]!;
      let q = j;
      while (q > 0 && pool[rk + pool[ord + q - 1]!]! > r) {
        pool[ord + q] = pool[ord + q - 1]!;
        q--;
      }
      pool[ord + q] = j;
      if (q !== j) moved = true;
    }
    if (moved) this.place(start, n, pool);
  }

  /** sorted(): orders entries by their keys' bytes. */
  private sortBytes(start: number, n: number, pool: Int32Array): void {
    const buf = this.buf;
    // Insertion sort: these collections are small, and often built in key order already (one
    // comparison with the last entry placed). Otherwise the place is found by binary search, after
    // every entry that is not greater (stable, so the order is the linear insertion sort's): an
    // identity-keyed Map renamed by symmetry comes in no key order, and its keys share long
    // prefixes, so comparisons are what it costs.
    let moved = false;
    const ord = 3 * n;
    for (let j = 0; j < n; j++) {
      const k0 = pool[j]!;
      const k1 = pool[n + j]!;
      if (j === 0 || compareBytes(buf, pool[pool[ord + j - 1]!]!, pool[n + pool[ord + j - 1]!]!, k0, k1) <= 0) {
        pool[ord + j] = j;
        continue;
      }
      let lo = 0;
      let hi = j - 1; // entry ord+hi is greater than j's
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const b = pool[ord + mid]!;
        if (compareBytes(buf, pool[b]!, pool[n + b]!, k0, k1) <= 0) lo = mid + 1;
        else hi = mid;
      }
      for (let q = j; q > lo; q--) pool[ord + q] = pool[ord + q - 1]!;
      pool[ord + lo] = j;
      moved = true;
    }
    if (moved) this.place(start, n, pool);
  }

  /** Rewrites the entries at buf[start .. pos) in the order pool[3n .. 4n). */
  private place(start: number, n: number, pool: Int32Array): void {
    const buf = this.buf;
    const len = this.pos - start;
    if (this.scratch.length < len) this.scratch = new Uint8Array(len * 2);
    // Byte loops, not set(subarray(...)): entries are a few bytes, and a view per entry was most
    // of the cost of encoding an identity-keyed Map (symmetry renames its keys out of order).
    const scratch = this.scratch;
    let p = 0;
    for (let q = 0; q < n; q++) {
      const j = pool[3 * n + q]!;
      const end = pool[2 * n + j]!;
      for (let i = pool[j]!; i < end; i++) scratch[p++] = buf[i]!;
    }
    for (let i = 0; i < len; i++) buf[start + i] = scratch[i]!;
  }
}

const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

function compareBytes(b: Uint8Array, a0: number, a1: number, b0: number, b1: number): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 0; i < n; i++) {
    const d = b[a0 + i]! - b[b0 + i]!;
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

/** What a non-state value is, in words a spec author recognises. */
export function describeNonState(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "number") return "NaN";
  if (typeof v === "function") return "a function";
  if (typeof v === "symbol") return "a symbol";
  if (typeof v === "bigint") return "a bigint (use a number)";
  if (v !== null && typeof v === "object") {
    if (typeof (v as { then?: unknown }).then === "function") return "a Promise (actions must be synchronous)";
    if (Array.isArray(v)) return "a plain Array inside a state (use an Immutable List)";
    if (v instanceof globalThis.Map) return "a JS Map (use an Immutable Map)";
    if (v instanceof globalThis.Set) return "a JS Set (use an Immutable Set)";
    if (isImmutable(v)) return "a lazy Immutable Seq (convert it with .toList(), .toMap() or .toSet())";
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return "a plain object (use an Immutable Record or Map)";
    return `an instance of class ${(proto.constructor as { name?: string })?.name ?? "?"} (use an Immutable Record)`;
  }
  return `a ${typeof v}`;
}

/** Walks a value slowly to find the first non-state inside it; used only to explain an error. */
function locate(v: unknown, path = ""): NotAStateError | undefined {
  const t = typeof v;
  if (t === "string" || t === "boolean" || v === null) return undefined;
  if (t === "number") return Number.isNaN(v) ? new NotAStateError(path, "NaN") : undefined;
  if (t !== "object" || !(isRecord(v) || isList(v) || isMap(v) || isSet(v) || isStack(v))) {
    return new NotAStateError(path, describeNonState(v));
  }
  const entries: Iterable<[unknown, unknown]> = isRecord(v)
    ? Object.entries((v as unknown as { toObject(): object }).toObject())
    : (v as unknown as { entries(): Iterable<[unknown, unknown]> }).entries();
  for (const [k, x] of entries) {
    const sub = isRecord(v) ? (path === "" ? String(k) : `${path}.${String(k)}`) : `${path}[${String(k)}]`;
    const bad = (isMap(v) ? locate(k, `${path}{key ${String(k)}}`) : undefined) ?? locate(x, sub);
    if (bad) return bad;
  }
  return undefined;
}
