// Finds a fair cycle in a region of the state graph: a set of states some fair behaviour can stay
// in forever while visiting an accepting state infinitely often. Strongly connected components
// by an iterative Tarjan (no recursion: graphs have millions of states; under symmetry a state
// with a self-loop is one too), refined for fairness
// as in Emerson-Lei / Couvreur: see docs/liveness.md for why each rule is sound and complete.

import type { StateGraph } from "./graph.js";

export interface FairAction {
  readonly action: number;
  readonly kind: "weak" | "strong";
  /** Its "enabled here" bit in the graph. */
  readonly bit: number;
}

/** What a fair cycle is found as: one state that stutters forever, or a strongly connected set. */
export type Found = { readonly kind: "stutter"; readonly state: number } | { readonly kind: "cycle"; readonly states: Int32Array; readonly label: number };

export class FairCycleSearch {
  /** Per state: the region it is in (-1: out of every region). Regions only ever shrink. */
  readonly label: Int32Array;
  private nextLabel = 1;
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly calls: Int32Array;
  private readonly cursor: Int32Array;
  private counter = 0;

  constructor(
    private readonly g: StateGraph,
    private readonly fair: readonly FairAction[],
  ) {
    const n = g.size;
    this.label = new Int32Array(n);
    this.index = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.calls = new Int32Array(n);
    this.cursor = new Int32Array(n);
  }

  /**
   * A fair cycle inside `region` (states with region[i] = 1) that visits a state where
   * `accept` holds (every state, when accept is null), or null when there is none.
   */
  find(region: Uint8Array, accept: ((i: number) => boolean) | null): Found | null {
    const { g, fair, label } = this;
    const n = g.size;
    let count = 0;
    for (let i = 0; i < n; i++) {
      label[i] = region[i] === 1 ? 0 : -1;
      count += region[i]!;
    }
    const members = new Int32Array(count);
    for (let i = 0, m = 0; i < n; i++) if (region[i] === 1) members[m++] = i;
    // Stuttering forever in one state is fair exactly when no fair action is enabled there.
    for (const i of members) {
      if (accept !== null && !accept(i)) continue;
      if (fair.every((f) => !g.bit(i, f.bit))) return { kind: "stutter", state: i };
    }
    const work: { label: number; members: Int32Array }[] = [{ label: 0, members }];
    while (work.length > 0) {
      const item = work.pop()!;
      for (const scc of this.components(item.members, item.label)) {
        const lab = this.nextLabel++;
        for (const x of scc) label[x] = lab;
        const verdict = this.judge(scc, lab, accept);
        if (verdict === "fair") return { kind: "cycle", states: scc, label: lab };
        if (verdict === "reject") {
          for (const x of scc) label[x] = -1;
          continue;
        }
        // Strong fairness: a strongly-fair action enabled in the component but never taken
        // inside it: a fair behaviour can stay only where it is disabled.
        for (const x of scc) if (verdict.some((f) => g.bit(x, f.bit))) label[x] = -1;
        const rest = scc.filter((x) => label[x] === lab);
        if (rest.length > 1 || (rest.length === 1 && this.selfLoop(rest[0]!))) work.push({ label: lab, members: rest });
      }
    }
    return null;
  }

  /** Whether action `a` has an edge inside region `lab` out of `x`. */
  takenFrom(x: number, a: number, lab: number): boolean {
    const g = this.g;
    for (let e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) if (g.action(e) === a && this.label[g.target(e)] === lab) return true;
    return false;
  }

  /** "fair", "reject", or the strongly-fair actions whose enabling states must be cut away. */
  private judge(scc: Int32Array, lab: number, accept: ((i: number) => boolean) | null): "fair" | "reject" | FairAction[] {
    const g = this.g;
    if (accept !== null && !scc.some((x) => accept(x))) return "reject";
    const cut: FairAction[] = [];
    for (const f of this.fair) {
      let all = true;
      let some = false;
      for (const x of scc) {
        if (g.bit(x, f.bit)) some = true;
        else all = false;
      }
      if (!some) continue;
      if (f.kind === "weak" && !all) continue;
      if (scc.some((x) => this.takenFrom(x, f.action, lab))) continue;
      if (f.kind === "weak") return "reject"; // enabled in every state, never taken: no behaviour here is fair
      cut.push(f);
    }
    return cut.length === 0 ? "fair" : cut;
  }

  /**
   * Whether `x` has an edge to itself. Never without symmetry (a self-loop is a stutter, not an
   * edge); under it, a real step into the state's own orbit (threads trading places) is one, and
   * a behaviour can take it forever: a one-state component with a cycle.
   */
  private selfLoop(x: number): boolean {
    return this.g.selfLoop(x) >= 0;
  }

  /** The strongly connected components among `members` (all labelled `lab`) that hold a cycle: two or more states, or one with a self-loop. */
  private components(members: Int32Array, lab: number): Int32Array[] {
    const { g, label, index, low, onStack, stack, calls, cursor } = this;
    const base = this.counter;
    const out: Int32Array[] = [];
    let sp = 0;
    for (const root of members) {
      if (index[root]! >= base) continue;
      let cp = 0;
      index[root] = low[root] = this.counter++;
      stack[sp++] = root;
      onStack[root] = 1;
      calls[cp] = root;
      cursor[cp++] = g.firstEdge(root);
      while (cp > 0) {
        const v = calls[cp - 1]!;
        const e = cursor[cp - 1]!;
        if (e < g.endEdge(v)) {
          cursor[cp - 1] = e + 1;
          const w = g.target(e);
          if (label[w] !== lab) continue;
          if (index[w]! < base) {
            index[w] = low[w] = this.counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            calls[cp] = w;
            cursor[cp++] = g.firstEdge(w);
          } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
          continue;
        }
        cp--;
        if (cp > 0) {
          const u = calls[cp - 1]!;
          if (low[v]! < low[u]!) low[u] = low[v]!;
        }
        if (low[v] === index[v]) {
          let top = sp;
          do onStack[stack[--sp]!] = 0;
          while (stack[sp] !== v);
          if (top - sp > 1 || this.selfLoop(v)) out.push(stack.slice(sp, top));
        }
      }
    }
    return out;
  }
}
