// The cluster's data messages, in bytes: a batch of successors for one owner (grouped under
// their parent: its fingerprint and path key once, then each child's fingerprint, action,
// successor index, ordinal and canonical bytes), and the end-of-level count of the records a
// sender sent to that owner. Every message opens with its kind, level, attempt and sender.

export const MSG_SUCCESSORS = 1;
export const MSG_COUNT = 2;
const HEADER = 11;
const PARENT = 1;
const CHILD = 2;

export interface Header {
  readonly kind: number;
  readonly level: number;
  readonly attempt: number;
  readonly from: number;
}

/** A growable byte buffer with the few writes the messages need. */
class Bytes {
  buf = new Uint8Array(1024);
  pos = 0;
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v;
  }
  i32(v: number): void {
    this.room(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = v;
    b[p + 1] = v >>> 8;
    b[p + 2] = v >>> 16;
    b[p + 3] = v >>> 24;
    this.pos = p + 4;
  }
  varint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }
  bytes(src: Uint8Array, from: number, len: number): void {
    this.room(len);
    this.buf.set(src.subarray(from, from + len), this.pos);
    this.pos += len;
  }
}

function header(b: Bytes, h: Header): void {
  b.u8(h.kind);
  b.i32(h.level);
  b.i32(h.attempt);
  b.u8(h.from & 0xff);
  b.u8(h.from >>> 8);
}

/** Successors bound for one owner, flushed as one message once `limit` bytes are reached. */
export class OwnerBatch {
  private b = new Bytes();
  private lastParent = -1;
  /** Child records in the batch being filled. */
  records = 0;

  constructor(private readonly h: Header) {
    header(this.b, h);
  }

  get size(): number {
    return this.b.pos;
  }

  /** `parent` identifies the parent within the sender's level, so a header is written once per run of its children. */
  child(parent: number, phi: number, plo: number, pkey: Uint8Array, hi: number, lo: number, action: number, k: number, ord: number, src: Uint8Array, off: number, len: number): void {
    const b = this.b;
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      b.u8(PARENT);
      b.i32(phi);
      b.i32(plo);
      b.varint(pkey.length);
      b.bytes(pkey, 0, pkey.length);
    }
    b.u8(CHILD);
    b.i32(hi);
    b.i32(lo);
    b.varint(action);
    b.varint(k);
    b.varint(ord);
    b.varint(len);
    b.bytes(src, off, len);
    this.records++;
  }

  /** The message, and a fresh batch started. */
  take(): Uint8Array {
    const out = this.b.buf.slice(0, this.b.pos);
    this.b = new Bytes();
    header(this.b, this.h);
    this.lastParent = -1;
    this.records = 0;
    return out;
  }
}

export function countMessage(h: Header, records: number): Uint8Array {
  const b = new Bytes();
  header(b, h);
  b.i32(records);
  return b.buf.slice(0, b.pos);
}

export function readHeader(m: Uint8Array): Header {
  return { kind: m[0]!, level: i32(m, 1), attempt: i32(m, 5), from: m[9]! | (m[10]! << 8) };
}

export function readCount(m: Uint8Array): number {
  return i32(m, HEADER) >>> 0;
}

export interface Child {
  phi: number;
  plo: number;
  pkey: Uint8Array;
  hi: number;
  lo: number;
  action: number;
  k: number;
  ord: number;
  /** The child's canonical bytes are m[off .. off + len]. */
  off: number;
  len: number;
}

/** Calls `on` for each child record of a successor batch (the same object, refilled). */
export function readSuccessors(m: Uint8Array, on: (c: Child) => void): void {
  let p = HEADER;
  const c: Child = { phi: 0, plo: 0, pkey: new Uint8Array(0), hi: 0, lo: 0, action: 0, k: 0, ord: 0, off: 0, len: 0 };
  const varint = (): number => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = m[p++]!;
      n |= (b & 0x7f) << shift;
      if (b < 0x80) return n >>> 0;
      shift += 7;
    }
  };
  while (p < m.length) {
    const t = m[p++];
    if (t === PARENT) {
      c.phi = i32(m, p);
      c.plo = i32(m, p + 4);
      p += 8;
      const n = varint();
      c.pkey = m.subarray(p, p + n);
      p += n;
      continue;
    }
    if (t !== CHILD) throw new Error(`cluster wire: bad record tag ${String(t)} at ${p - 1}`);
    c.hi = i32(m, p);
    c.lo = i32(m, p + 4);
    p += 8;
    c.action = varint();
    c.k = varint();
    c.ord = varint();
    c.len = varint();
    c.off = p;
    p += c.len;
    on(c);
  }
}

function i32(m: Uint8Array, p: number): number {
  return m[p]! | (m[p + 1]! << 8) | (m[p + 2]! << 16) | (m[p + 3]! << 24);
}
