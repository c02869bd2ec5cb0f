// Per distinct state, how it was first reached: its parent's id, the action index and which of
// that action's successors it was (or, for an initial state, its index in init). Ten bytes a
// state, in fixed-size chunks so that growing never copies (and never holds two copies at once);
// traces are rebuilt from these by replaying the spec. With `shared`, the chunks live in
// SharedArrayBuffers that workers read to replay a state.

const BITS = 18;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

export interface StoreChunk {
  readonly parent: Int32Array;
  readonly action: Uint16Array;
  readonly succ: Uint32Array;
}

export class StateStore {
  private readonly chunks: StoreChunk[];
  size = 0;

  constructor(
    private readonly shared = false,
    views?: readonly StoreChunk[],
  ) {
    this.chunks = views ? [...views] : [];
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * 10;
  }

  /** The chunks themselves, for a worker to wrap with `new StateStore(false, views)`. */
  views(): readonly StoreChunk[] {
    return this.chunks;
  }

  /** Records a state and returns its id; parent -1 marks an initial state. */
  add(parent: number, action: number, succ: number): number {
    const id = this.size++;
    const c = id >>> BITS;
    if (c === this.chunks.length) this.chunks.push(this.chunk());
    const k = this.chunks[c]!;
    const i = id & MASK;
    k.parent[i] = parent;
    k.action[i] = action;
    k.succ[i] = succ;
    return id;
  }

  /**
   * Makes room for ids below `n` now, so that views() taken before they are added already hold
   * them (a worker replays states of a level that is still being numbered).
   */
  reserve(n: number): void {
    while (this.chunks.length * CHUNK < n) this.chunks.push(this.chunk());
  }

  /** Per action index, how many states it reached first (the parent links record it). */
  countByAction(actions: number): Float64Array {
    const out = new Float64Array(actions);
    for (let id = 0; id < this.size; id++) {
      const k = this.chunks[id >>> BITS]!;
      const i = id & MASK;
      if (k.parent[i]! >= 0) out[k.action[i]!]!++;
    }
    return out;
  }

  /** How `id` was first reached: its parent (-1 for an initial state), the action and the successor (or init) index. */
  link(id: number): { parent: number; action: number; succ: number } {
    const k = this.chunks[id >>> BITS]!;
    const i = id & MASK;
    return { parent: k.parent[i]!, action: k.action[i]!, succ: k.succ[i]! };
  }

  /** The path from an initial state to `id`: [initIndex, then (action, succ) per step]. */
  path(id: number): { init: number; steps: { action: number; succ: number }[] } {
    const steps: { action: number; succ: number }[] = [];
    for (;;) {
      const k = this.chunks[id >>> BITS]!;
      const i = id & MASK;
      if (k.parent[i]! < 0) return { init: k.succ[i]!, steps: steps.reverse() };
      steps.push({ action: k.action[i]!, succ: k.succ[i]! });
      id = k.parent[i]!;
    }
  }

  private chunk(): StoreChunk {
    const buf = (bytes: number): ArrayBuffer | SharedArrayBuffer => (this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    return { parent: new Int32Array(buf(4 * CHUNK)), action: new Uint16Array(buf(2 * CHUNK)), succ: new Uint32Array(buf(4 * CHUNK)) };
  }
}
