// The state graph of a parallel check (temporal properties): workers record each position's
// predicate and fair-enabled flags in a shared array and each state-changing step as (position,
// global candidate, action, successor index); between levels, once the level's new states are
// numbered, the coordinator appends the level's states and edges to the graph in position order,
// which is id order, so the graph is exactly the one a one-worker BFS builds.

import { Column, StateGraph } from "../liveness/graph.js";
import type { BitLayout } from "../liveness/layout.js";
import { EDGE_WORDS, type DoneMsg } from "./protocol.js";

export class LevelGraph {
  readonly graph: StateGraph;
  /** Global candidate number → state id. */
  private readonly idOfCand = new Column((n) => new Int32Array(n));
  readonly words: number;

  constructor(private readonly layout: BitLayout) {
    this.graph = new StateGraph(layout.nbits);
    this.words = Math.max(1, Math.ceil(layout.nbits / 32));
  }

  get bytes(): number {
    return this.graph.bytes + this.idOfCand.bytes;
  }

  /** Candidate `cand` became state `id` (candidates are numbered in insertion order, ids in BFS order). */
  number(cand: number, id: number): void {
    while (this.idOfCand.length <= cand) this.idOfCand.push(-1);
    this.idOfCand.set(cand, id);
  }

  flagsFor(levelSize: number): SharedArrayBuffer {
    return new SharedArrayBuffer(Math.max(4, levelSize * this.words * 4));
  }

  /** Appends the level's states (ids firstId + position) with their flags and edges. */
  addLevel(dones: readonly DoneMsg[], levelSize: number, firstId: number, flagsSab: SharedArrayBuffer): void {
    const flags = new Int32Array(flagsSab);
    const start = new Int32Array(levelSize + 1);
    for (const d of dones) {
      const r = new Int32Array(d.edges!);
      for (let i = 0; i < d.edgeCount! * EDGE_WORDS; i += EDGE_WORDS) start[r[i]! + 1]!++;
    }
    for (let p = 0; p < levelSize; p++) start[p + 1]! += start[p]!;
    // counting sort by position; a position is expanded by one participant, in ordinal order
    const sorted = new Int32Array(start[levelSize]! * 3);
    const fill = start.slice(0, levelSize);
    for (const d of dones) {
      const r = new Int32Array(d.edges!);
      for (let i = 0; i < d.edgeCount! * EDGE_WORDS; i += EDGE_WORDS) {
        const at = 3 * fill[r[i]!]!++;
        sorted[at] = r[i + 1]!;
        sorted[at + 1] = r[i + 2]!;
        sorted[at + 2] = r[i + 3]!;
      }
    }
    const g = this.graph;
    for (let p = 0; p < levelSize; p++) {
      g.begin(firstId + p);
      for (let b = 0; b < this.layout.nbits; b++) if ((flags[p * this.words + (b >>> 5)]! >>> (b & 31)) & 1) g.flag(b);
      for (let e = start[p]!; e < start[p + 1]!; e++) g.edge(this.idOfCand.get(sorted[3 * e]!), sorted[3 * e + 1]!, sorted[3 * e + 2]!);
    }
  }
}
