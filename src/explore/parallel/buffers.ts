// Growable output buffers for a worker's level: Int32 records posted to the coordinator at the
// end of a level, and chunks of encoded states in SharedArrayBuffers that every worker reads.

export class IntRecords {
  private a = new Int32Array(1 << 14);
  count = 0;

  constructor(private readonly words: number) {}

  push5(x0: number, x1: number, x2: number, x3: number, x4: number): void {
    this.room();
    const a = this.a;
    const i = this.count++ * this.words;
    a[i] = x0;
    a[i + 1] = x1;
    a[i + 2] = x2;
    a[i + 3] = x3;
    a[i + 4] = x4;
  }

  push4(x0: number, x1: number, x2: number, x3: number): void {
    this.room();
    const a = this.a;
    const i = this.count++ * this.words;
    a[i] = x0;
    a[i + 1] = x1;
    a[i + 2] = x2;
    a[i + 3] = x3;
  }

  /**
   * Hands the records over and starts empty: the buffer itself (then transferred), not a copy,
   * so that a level's largest record arrays do not stay behind in every thread.
   */
  take(): { buffer: ArrayBuffer; count: number } {
    const out = { buffer: this.a.buffer as ArrayBuffer, count: this.count };
    this.a = new Int32Array(1 << 14);
    this.count = 0;
    return out;
  }

  private room(): void {
    if ((this.count + 1) * this.words <= this.a.length) return;
    const b = new Int32Array(this.a.length * 2);
    b.set(this.a);
    this.a = b;
  }
}

const CHUNK = 1 << 20;

/** Writes [len u32][bytes] entries into shared chunks; chunk ids are unique across threads. */
export class ChunkWriter {
  private data: Uint8Array | undefined;
  private id = -1;
  private pos = 0;
  private made = 0;
  fresh: [number, SharedArrayBuffer][] = [];

  constructor(
    private readonly index: number,
    private readonly threads: number,
  ) {}

  /** Writes an entry; afterwards `chunk` and `offset` say where. */
  write(src: Uint8Array, from: number, len: number): void {
    if (this.data === undefined || this.pos + 4 + len > this.data.length) this.next(4 + len);
    const d = this.data!;
    const p = this.pos;
    d[p] = len;
    d[p + 1] = len >>> 8;
    d[p + 2] = len >>> 16;
    d[p + 3] = len >>> 24;
    d.set(src.subarray(from, from + len), p + 4);
    this.offset = p;
    this.chunk = this.id;
    this.pos = p + 4 + len;
  }

  chunk = -1;
  offset = 0;

  /** Starts a new chunk at the next write, so a chunk never spans two levels. */
  endLevel(): [number, SharedArrayBuffer][] {
    this.data = undefined;
    const f = this.fresh;
    this.fresh = [];
    return f;
  }

  private next(need: number): void {
    const sab = new SharedArrayBuffer(Math.max(CHUNK, need));
    this.id = this.made++ * this.threads + this.index;
    this.data = new Uint8Array(sab);
    this.pos = 0;
    this.fresh.push([this.id, sab]);
  }
}

export function readLen(d: Uint8Array, off: number): number {
  return (d[off]! | (d[off + 1]! << 8) | (d[off + 2]! << 16) | (d[off + 3]! << 24)) >>> 0;
}
