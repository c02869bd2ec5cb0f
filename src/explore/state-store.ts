// Per distinct state, how it was first reached: its parent's id, the action index and which of
// that action's successors it was (or, for an initial state, its index in init). Ten bytes a
// state in growable typed arrays; traces are rebuilt from these by replaying the spec. With
// `shared`, the arrays live in SharedArrayBuffers that workers read to replay a state.

export interface StoreViews {
  readonly parent: Int32Array;
  readonly action: Uint16Array;
  readonly succ: Uint32Array;
}

export class StateStore {
  private parent: Int32Array;
  private action: Uint16Array;
  private succ: Uint32Array;
  size = 0;

  constructor(
    private readonly shared = false,
    views?: StoreViews,
  ) {
    this.parent = views?.parent ?? new Int32Array(this.buffer(4 << 16));
    this.action = views?.action ?? new Uint16Array(this.buffer(2 << 16));
    this.succ = views?.succ ?? new Uint32Array(this.buffer(4 << 16));
  }

  get bytes(): number {
    return this.parent.byteLength + this.action.byteLength + this.succ.byteLength;
  }

  /** The arrays themselves, for a worker to wrap with `new StateStore(false, views)`. */
  views(): StoreViews {
    return { parent: this.parent, action: this.action, succ: this.succ };
  }

  /** Records a state and returns its id; parent -1 marks an initial state. */
  add(parent: number, action: number, succ: number): number {
    const id = this.size++;
    if (id === this.parent.length) this.grow();
    this.parent[id] = parent;
    this.action[id] = action;
    this.succ[id] = succ;
    return id;
  }

  /** The path from an initial state to `id`: [initIndex, then (action, succ) per step]. */
  path(id: number): { init: number; steps: { action: number; succ: number }[] } {
    const steps: { action: number; succ: number }[] = [];
    while (this.parent[id]! >= 0) {
      steps.push({ action: this.action[id]!, succ: this.succ[id]! });
      id = this.parent[id]!;
    }
    return { init: this.succ[id]!, steps: steps.reverse() };
  }

  private buffer(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }

  private grow(): void {
    const n = this.parent.length * 2;
    const p = new Int32Array(this.buffer(4 * n));
    p.set(this.parent);
    const a = new Uint16Array(this.buffer(2 * n));
    a.set(this.action);
    const s = new Uint32Array(this.buffer(4 * n));
    s.set(this.succ);
    this.parent = p;
    this.action = a;
    this.succ = s;
  }
}
