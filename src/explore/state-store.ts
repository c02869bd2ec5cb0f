// Per distinct state, how it was first reached: its parent's id, the action index and which of
// that action's successors it was (or, for an initial state, its index in init). Ten bytes a
// state in growable typed arrays; traces are rebuilt from these by replaying the spec.

export class StateStore {
  private parent = new Int32Array(1 << 16);
  private action = new Uint16Array(1 << 16);
  private succ = new Uint32Array(1 << 16);
  size = 0;

  get bytes(): number {
    return this.parent.byteLength + this.action.byteLength + this.succ.byteLength;
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

  private grow(): void {
    const n = this.parent.length * 2;
    const p = new Int32Array(n);
    p.set(this.parent);
    const a = new Uint16Array(n);
    a.set(this.action);
    const s = new Uint32Array(n);
    s.set(this.succ);
    this.parent = p;
    this.action = a;
    this.succ = s;
  }
}
