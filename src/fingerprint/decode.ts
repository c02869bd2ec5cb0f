// Rebuilds a state from its canonical encoding: the frontier and the workers keep states as
// bytes, and the explorer decodes each one once, when it expands it.

import { List, Map as IMap, OrderedMap, OrderedSet, Set as ISet, Stack } from "immutable";
import { FAST, SMALL_MAP, smallMapFromPairs } from "./immutable-internals.js";
import { recordTypeById } from "./record-types.js";
import * as T from "./tags.js";

/** The bytes hold a Record type this thread has not built yet (another worker encoded it). */
export class UnknownRecordType extends Error {}

const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

export class Decoder {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;

  decode(buf: Uint8Array, off: number): unknown {
    this.buf = buf;
    this.pos = off;
    return this.value();
  }

  private varint(): number {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.pos++]!;
      n |= (b & 0x7f) << shift;
      if (b < 0x80) return n >>> 0;
      shift += 7;
    }
  }

  private u32(): number {
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  private values(n: number): unknown[] {
    const a = new Array<unknown>(n);
    for (let i = 0; i < n; i++) a[i] = this.value();
    return a;
  }

  private pairs(n: number): [unknown, unknown][] {
    const a = new Array<[unknown, unknown]>(n);
    for (let i = 0; i < n; i++) {
      const k = this.value();
      a[i] = [k, this.value()];
    }
    return a;
  }

  private value(): unknown {
    const tag = this.buf[this.pos++]!;
    if (tag >= T.TAG_SMALL_INT) return tag & 0x7f;
    switch (tag) {
      case T.TAG_NULL:
        return null;
      case T.TAG_FALSE:
        return false;
      case T.TAG_TRUE:
        return true;
      case T.TAG_INT:
        return this.u32() | 0;
      case T.TAG_FLOAT:
        F64_BYTES.set(this.buf.subarray(this.pos, this.pos + 8));
        this.pos += 8;
        return F64[0];
      case T.TAG_STRING: {
        const n = this.varint();
        const b = this.buf;
        let p = this.pos;
        let s = "";
        for (let i = 0; i < n; i++, p += 2) s += String.fromCharCode(b[p]! | (b[p + 1]! << 8));
        this.pos = p;
        return s;
      }
      case T.TAG_RECORD: {
        const t = recordTypeById(this.u32());
        if (t === undefined) throw new UnknownRecordType("decode: a Record type this thread has not seen");
        return t.make(this.values(t.keys.length));
      }
      case T.TAG_LIST:
        return List(this.values(this.varint()));
      case T.TAG_MAP: {
        const n = this.varint();
        return FAST && n <= SMALL_MAP ? smallMapFromPairs(this.pairs(n)) : IMap(this.pairs(n));
      }
      case T.TAG_ORDERED_MAP:
        return OrderedMap(this.pairs(this.varint()));
      case T.TAG_SET:
        return ISet(this.values(this.varint()));
      case T.TAG_ORDERED_SET:
        return OrderedSet(this.values(this.varint()));
      case T.TAG_STACK:
        return Stack(this.values(this.varint()));
      default:
        throw new Error(`decode: bad tag ${String(tag)} at ${this.pos - 1}`);
    }
  }
}
