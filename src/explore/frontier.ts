// The frontier: states waiting to be expanded, held as encoded bytes in 4 MiB chunks rather than
// as live Immutable objects (a few dozen bytes a state instead of hundreds). BFS and DFS share
// the search loop and differ only here: a FIFO queue or a LIFO stack of the same entries.

const CHUNK = 4 << 20;
const HEADER = 12; // id, depth, length: three uint32

export interface Frontier {
  readonly size: number;
  readonly bytes: number;
  push(id: number, depth: number, src: Uint8Array, from: number, len: number): void;
  /** Takes the next entry; its fields are then in id, depth, buf, off (the bytes) and len. */
  pop(): boolean;
  id: number;
  depth: number;
  buf: Uint8Array;
  off: number;
  len: number;
}

class Chunk {
  readonly data: Uint8Array;
  readonly words: DataView;
  end = 0; // bytes written
  start = 0; // bytes consumed (queue only)
  constructor(size: number) {
    this.data = new Uint8Array(size);
    this.words = new DataView(this.data.buffer);
  }
}

abstract class ChunkedFrontier implements Frontier {
  protected chunks: Chunk[] = [];
  /** An emptied chunk kept for reuse, so a stack oscillating at a boundary does not reallocate. */
  protected spare: Chunk | undefined;
  size = 0;
  id = 0;
  depth = 0;
  buf: Uint8Array = new Uint8Array(0);
  off = 0;
  len = 0;

  get bytes(): number {
    return this.chunks.length * CHUNK;
  }

  /** The chunk to append `need` bytes to, starting a new one when the last is full. */
  protected tail(need: number): Chunk {
    let c = this.chunks[this.chunks.length - 1];
    if (c === undefined || c.end + need > c.data.length) {
      c = this.spare !== undefined && this.spare.data.length >= need ? this.spare : new Chunk(Math.max(CHUNK, need));
      this.spare = undefined;
      c.start = c.end = 0;
      this.chunks.push(c);
    }
    return c;
  }

  abstract push(id: number, depth: number, src: Uint8Array, from: number, len: number): void;
  abstract pop(): boolean;
}

/**
 * BFS: entries are [len varint, bytes], read from the oldest chunk forward. The ids and depths
 * are not stored per entry: the search pushes consecutive ids at non-decreasing depths, so they
 * are kept as runs (first entry, first id, depth), one run per BFS level. That is 11 bytes a
 * state less than a fixed header (a third of devpriv's frontier, its largest structure at P=5).
 */
export class Queue extends ChunkedFrontier {
  private head = 0;
  /** Consumed chunks kept to write into again, instead of leaving 4 MiB buffers to the GC. */
  private readonly free: Chunk[] = [];
  private readonly runStart: number[] = [];
  private readonly runId: number[] = [];
  private readonly runDepth: number[] = [];
  private pushed = 0;
  private popped = 0;
  private run = 0;
  private lastId = -2;
  private lastDepth = -1;

  push(id: number, depth: number, src: Uint8Array, from: number, len: number): void {
    if (id !== this.lastId + 1 || depth !== this.lastDepth) {
      this.runStart.push(this.pushed);
      this.runId.push(id);
      this.runDepth.push(depth);
    }
    this.lastId = id;
    this.lastDepth = depth;
    this.pushed++;
    const c = this.tail(5 + len);
    const d = c.data;
    let p = c.end;
    let n = len;
    while (n >= 0x80) {
      d[p++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    d[p++] = n;
    if (len <= 64) for (let i = 0; i < len; i++) d[p + i] = src[from + i]!;
    else d.set(src.subarray(from, from + len), p);
    c.end = p + len;
    this.size++;
  }

  pop(): boolean {
    if (this.size === 0) return false;
    let c = this.chunks[this.head]!;
    if (c.start === c.end) {
      this.chunks[this.head] = undefined as unknown as Chunk;
      if (this.free.length < 4) this.free.push(c);
      c = this.chunks[++this.head]!;
    }
    while (this.run + 1 < this.runStart.length && this.runStart[this.run + 1]! <= this.popped) this.run++;
    this.id = this.runId[this.run]! + (this.popped - this.runStart[this.run]!);
    this.depth = this.runDepth[this.run]!;
    this.popped++;
    const d = c.data;
    let p = c.start;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = d[p++]!;
      len |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    this.len = len;
    this.buf = d;
    this.off = p;
    c.start = p + len;
    this.size--;
    if (this.head > 1024) this.compact();
    return true;
  }

  protected override tail(need: number): Chunk {
    const last = this.chunks[this.chunks.length - 1];
    if ((last === undefined || last.end + need > last.data.length) && this.spare === undefined) {
      const reuse = this.free.pop();
      if (reuse !== undefined && reuse.data.length >= need) this.spare = reuse;
    }
    return super.tail(need);
  }

  override get bytes(): number {
    return (this.chunks.length - this.head) * CHUNK;
  }

  private compact(): void {
    this.chunks = this.chunks.slice(this.head);
    this.head = 0;
  }
}

/** DFS: entries are [bytes, id, depth, len], read backwards from the newest chunk. */
export class Stack extends ChunkedFrontier {
  push(id: number, depth: number, src: Uint8Array, from: number, len: number): void {
    const c = this.tail(HEADER + len);
    c.data.set(src.subarray(from, from + len), c.end);
    const w = c.words;
    w.setUint32(c.end + len, id, true);
    w.setUint32(c.end + len + 4, depth, true);
    w.setUint32(c.end + len + 8, len, true);
    c.end += HEADER + len;
    this.size++;
  }

  pop(): boolean {
    if (this.size === 0) return false;
    let c = this.chunks[this.chunks.length - 1]!;
    while (c.end === 0) {
      this.spare = this.chunks.pop();
      c = this.chunks[this.chunks.length - 1]!;
    }
    const w = c.words;
    this.len = w.getUint32(c.end - 4, true);
    this.depth = w.getUint32(c.end - 8, true);
    this.id = w.getUint32(c.end - 12, true);
    c.end -= HEADER + this.len;
    this.buf = c.data;
    this.off = c.end;
    this.size--;
    return true;
  }
}
