// The part of the spec's state graph that a validation meets, built lazily and kept per state:
// each state's moves split into hidden ones (no page counter changes) and visible ones (exactly
// one page counter changes), and its hidden closure (the states hidden steps reach, at most K
// of them deep) with the visible moves out of it indexed by page. Keyed by canonical bytes, so
// the memory is bounded by the spec's state space, never by the log's length.

import { Decoder } from "../fingerprint/decode.js";
import { Encoder } from "../fingerprint/encode.js";
import type { Model } from "../model/compile.js";
import { encodeInit, encodeSuccessor, successorsAt } from "../explore/spec-calls.js";
import type { LogMapping } from "./mapping.js";

export interface Node {
  readonly id: number;
  /** The state in canonical form (decoded from its bytes), so successors are numbered alike everywhere. */
  readonly state: unknown;
  readonly counts: readonly number[];
  moves?: Moves;
  closure?: Closure;
}

export interface Move {
  readonly action: number;
  readonly to: Node;
  /** The one page whose counter the move changes; -1 for a hidden move, -2 when it changes several. */
  readonly page: number;
}

export interface Moves {
  readonly hidden: readonly Move[];
  readonly visible: readonly Move[];
  /** Moves that change several page counters at once: no single event explains them. */
  readonly multi: readonly Move[];
}

/** A visible move out of a state of the closure: from closure entry `at`, by `action`, to `to`. */
export interface Exit {
  readonly at: number;
  readonly action: number;
  readonly from: number;
  readonly to: Node;
}

export interface Closure {
  /** BFS order from the root (entry 0); parent[i] and via[i] give the hidden path to entry i. */
  readonly nodes: readonly Node[];
  readonly parent: readonly number[];
  readonly via: readonly number[];
  /** Per page: the visible moves out of every closure state that change that page. */
  readonly exits: readonly (readonly Exit[])[];
}

/** About 4 million closure entries cached at most (a few hundred MiB); then the cache starts over. */
const CLOSURE_BUDGET = 4_000_000;

export class StateGraph {
  private readonly byKey = new Map<string, Node>();
  private readonly enc = new Encoder();
  private readonly dec = new Decoder();
  private cached = 0;
  private readonly withClosure: Node[] = [];
  generated = 0;

  constructor(
    readonly model: Model,
    readonly mapping: LogMapping,
    /** Hidden steps allowed between two logged events (Infinity: any number). */
    readonly maxHidden: number,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  /** Every state met so far. */
  nodes(): IterableIterator<Node> {
    return this.byKey.values();
  }

  initialNodes(): Node[] {
    const out: Node[] = [];
    for (let k = 0; k < this.model.init.length; k++) {
      const node = this.intern(encodeInit(this.enc, this.model, k));
      if (!out.includes(node)) out.push(node);
    }
    return out;
  }

  /** Every reachable state (a BFS over the whole spec), for a log that starts in the middle of a behaviour. */
  reachableNodes(): Node[] {
    const seen = new Set<Node>(this.initialNodes());
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++) {
      const m = this.moves(queue[i]!);
      for (const list of [m.hidden, m.visible, m.multi]) {
        for (const mv of list) {
          if (seen.has(mv.to)) continue;
          seen.add(mv.to);
          queue.push(mv.to);
        }
      }
    }
    return queue;
  }

  /** The node of the `len` bytes in the encoder, made on first sight. */
  private intern(len: number): Node {
    const bytes = this.enc.buf.subarray(0, len);
    const key = Buffer.from(bytes.buffer, bytes.byteOffset, len).toString("latin1");
    let n = this.byKey.get(key);
    if (n === undefined) {
      const state = this.dec.decode(bytes, 0);
      n = { id: this.byKey.size, state, counts: this.mapping.pageCounts(state) };
      this.byKey.set(key, n);
    }
    return n;
  }

  moves(n: Node): Moves {
    if (n.moves !== undefined) return n.moves;
    const hidden: Move[] = [];
    const visible: Move[] = [];
    const multi: Move[] = [];
    const m = this.model;
    for (let a = 0; a < m.actions.length; a++) {
      const succ = successorsAt(m, a, n.state);
      for (let k = 0; k < succ.length; k++) {
        this.generated++;
        const to = this.intern(encodeSuccessor(this.enc, m, a, n.state, succ, k));
        let page = -1;
        for (let p = 0; p < to.counts.length; p++) {
          if (to.counts[p] !== n.counts[p]) page = page === -1 ? p : -2;
        }
        if (page === -1) {
          if (to !== n) hidden.push({ action: a, to, page });
        } else (page === -2 ? multi : visible).push({ action: a, to, page });
      }
    }
    n.moves = { hidden, visible, multi };
    return n.moves;
  }

  /** The hidden closure of `n` (n itself first), at most maxHidden hidden steps deep. */
  closure(n: Node): Closure {
    if (n.closure !== undefined) return n.closure;
    const nodes: Node[] = [n];
    const parent: number[] = [-1];
    const via: number[] = [-1];
    const seen = new Set<Node>([n]);
    for (let depth = 0, from = 0; from < nodes.length && depth < this.maxHidden; depth++) {
      const end = nodes.length;
      for (let i = from; i < end; i++) {
        for (const mv of this.moves(nodes[i]!).hidden) {
          if (seen.has(mv.to)) continue;
          seen.add(mv.to);
          nodes.push(mv.to);
          parent.push(i);
          via.push(mv.action);
        }
      }
      from = end;
    }
    const exits: Exit[][] = this.mapping.pages.map(() => []);
    for (let i = 0; i < nodes.length; i++) {
      const at = nodes[i]!;
      for (const mv of this.moves(at).visible) exits[mv.page]!.push({ at: i, action: mv.action, from: at.counts[mv.page]!, to: mv.to });
    }
    if (this.cached + nodes.length > CLOSURE_BUDGET) {
      for (const c of this.withClosure) delete c.closure;
      this.withClosure.length = 0;
      this.cached = 0;
    }
    this.cached += nodes.length;
    this.withClosure.push(n);
    n.closure = { nodes, parent, via, exits };
    return n.closure;
  }
}

/** The hidden path from the closure's root to entry i: (action, state) steps in order. */
export function hiddenPath(c: Closure, i: number): { action: number; node: Node }[] {
  const out: { action: number; node: Node }[] = [];
  for (let j = i; j > 0; j = c.parent[j]!) out.push({ action: c.via[j]!, node: c.nodes[j]! });
  return out.reverse();
}
