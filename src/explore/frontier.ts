// The frontier: states waiting to be expanded, held as encoded bytes in 4 MiB chunks rather than
// as live Immutable objects (a few dozen bytes a state instead of hundreds). BFS and DFS share
// the search loop and differ only here: a FIFO queue or a LIFO stack of the same entries.

const CHUNK = 4 << 20;
const HEADER = 12; // id, depth, length: three uint32

export interface Frontier {
  readonly size: number;
  readonly bytes: number;
  push(id: number, depth: number, src: Uint8Array, len: number): void;
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

  abstract push(id: number, depth: number, src: Uint8Array, len: number): void;
  abstract pop(): boolean;
}

/** BFS: entries are [id, depth, len, bytes], read from the oldest chunk forward. */
export class Queue extends ChunkedFrontier {
  private head = 0;

  push(id: number, depth: number, src: Uint8Array, len: number): void {
    const c = this.tail(HEADER + len);
    const w = c.words;
    w.setUint32(c.end, id, true);
    w.setUint32(c.end + 4, depth, true);
    w.setUint32(c.end + 8, len, true);
    c.data.set(src.subarray(0, len), c.end + HEADER);
    c.end += HEADER + len;
    this.size++;
  }

  pop(): boolean {
    if (this.size === 0) return false;
    let c = this.chunks[this.head]!;
    if (c.start === c.end) {
      this.chunks[this.head] = undefined as unknown as Chunk; // let the consumed chunk go
      c = this.chunks[++this.head]!;
    }
    const w = c.words;
    this.id = w.getUint32(c.start, true);
    this.depth = w.getUint32(c.start + 4, true);
    this.len = w.getUint32(c.start + 8, true);
    this.buf = c.data;
    this.off = c.start + HEADER;
    c.start += HEADER + this.len;
    this.size--;
    if (this.head > 1024) this.compact();
    return true;
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
  push(id: number, depth: number, src: Uint8Array, len: number): void {
    const c = this.tail(HEADER + len);
    c.data.set(src.subarray(0, len), c.end);
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
