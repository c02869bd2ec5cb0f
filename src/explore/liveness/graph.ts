// The state graph a temporal property is decided on, built during a BFS: per state, where its
// out-edges start and a word of bits (its predicates' values and which fair actions it enables);
// per edge, the successor's id, the action and which of the action's successors it was (so a
// lasso through any edge can be replayed). All in chunked typed arrays: growing never copies
// and nothing per state lives on the JS heap. Self-loops are not edges: they are stuttering.

const BITS = 16;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

type Typed = Int32Array | Uint32Array | Uint16Array;

/** An append-only column of numbers in 64 Ki-entry chunks. */
export class Column<T extends Typed> {
  private readonly chunks: T[] = [];
  length = 0;
  constructor(private readonly make: (n: number) => T) {}
  push(v: number): void {
    const c = this.length >>> BITS;
    if (c === this.chunks.length) this.chunks.push(this.make(CHUNK));
    this.chunks[c]![this.length++ & MASK] = v;
  }
  get(i: number): number {
    return this.chunks[i >>> BITS]![i & MASK]!;
  }
  set(i: number, v: number): void {
    this.chunks[i >>> BITS]![i & MASK] = v;
  }
  get bytes(): number {
    return this.chunks.length * CHUNK * (this.chunks[0]?.BYTES_PER_ELEMENT ?? 0);
  }
}

export class StateGraph {
  private readonly start = new Column((n) => new Int32Array(n));
  private readonly bits = new Column((n) => new Uint32Array(n));
  private readonly to = new Column((n) => new Int32Array(n));
  private readonly act = new Column((n) => new Uint16Array(n));
  private readonly ord = new Column((n) => new Uint32Array(n));
  /** The initial states are ids 0 .. initCount-1 (BFS admits them first). */
  initCount = 0;
  /** States whose out-edges are recorded (ids 0 .. size-1). */
  size = 0;

  /** `nbits` flags a state (32 to a word). */
  constructor(nbits: number) {
    this.words = Math.max(1, Math.ceil(nbits / 32));
  }
  private readonly words: number;

  get edgeCount(): number {
    return this.to.length;
  }

  get bytes(): number {
    return this.start.bytes + this.bits.bytes + this.to.bytes + this.act.bytes + this.ord.bytes;
  }

  /** Starts state `id`'s edges; states must come in id order (BFS expands them so). */
  begin(id: number): void {
    if (id !== this.size) throw new Error(`state graph: state ${id} expanded out of order (expected ${this.size})`);
    if (this.to.length > 0x7fffffff) throw new RangeError("state graph: more than 2^31 edges");
    this.start.push(this.to.length);
    for (let w = 0; w < this.words; w++) this.bits.push(0);
    this.size++;
  }

  /** An edge of the state begun last: to state `dst` by action `a`, its successor number `k`. */
  edge(dst: number, a: number, k: number): void {
    this.to.push(dst);
    this.act.push(a);
    this.ord.push(k);
  }

  /** Sets bit `b` of the state begun last. */
  flag(b: number): void {
    const i = (this.size - 1) * this.words + (b >>> 5);
    this.bits.set(i, this.bits.get(i) | (1 << (b & 31)));
  }

  /** Closes the last state's edge list; call once after the search. */
  finish(): void {
    this.start.push(this.to.length);
  }

  firstEdge(id: number): number {
    return this.start.get(id);
  }
  endEdge(id: number): number {
    return this.start.get(id + 1);
  }
  target(e: number): number {
    return this.to.get(e);
  }
  action(e: number): number {
    return this.act.get(e);
  }
  succ(e: number): number {
    return this.ord.get(e);
  }
  /** An edge from `id` to itself (only a search by symmetry makes one), or -1. */
  selfLoop(id: number): number {
    for (let e = this.firstEdge(id), end = this.endEdge(id); e < end; e++) if (this.target(e) === id) return e;
    return -1;
  }
  bit(id: number, b: number): boolean {
    return ((this.bits.get(id * this.words + (b >>> 5)) >>> (b & 31)) & 1) === 1;
  }
}
