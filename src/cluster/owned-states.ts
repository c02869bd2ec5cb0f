// What one cluster worker owns: the states of the committed levels (fingerprint → id in its
// seen-set, and per id its parent link), the frontier it expands next (in path-key order, with
// each state's successor count once expanded), and the new states of the level in progress.
// It answers the coordinator's questions about them: a state's parent, counts up to a key.

import { SeenSet } from "../explore/seen-set.js";
import { Candidates } from "./candidates.js";
import { readDelta, type DeltaState } from "./checkpoint.js";
import { ParentLinks } from "./parent-links.js";
import { compareKeys, keyOfHex } from "./path-key.js";
import type { CountReply, ParentReply, RpcMsg } from "./protocol.js";

export class OwnedStates {
  private readonly seen = new SeenSet(1 << 16, true);
  private readonly parents = new ParentLinks();
  /** The committed depth (the frontier's), 0 before the initial states. */
  private depth = 0;
  frontier: DeltaState[] = [];
  /** Per frontier position: how many successors it had (set as it is expanded). */
  gen = new Int32Array(0);
  /** The new states (depth + 1) of the level in progress. */
  cand = new Candidates();
  private candDepth = 0;
  private level = -1;

  /** Whether a committed state has this fingerprint. */
  has(hi: number, lo: number): boolean {
    return this.seen.get(hi, lo) >= 0;
  }

  /**
   * Makes the committed states those of depths 1..level (committing the last level's new states,
   * or, after a restart, reading the checkpoints in `dir`), then starts the level afresh.
   */
  startLevel(level: number, dir: string | undefined, index: number): void {
    if (this.candDepth === level && this.depth === level - 1) this.commit();
    if (this.depth < level && this.depth === 0 && dir !== undefined) this.resume(dir, level);
    if (this.depth !== level) throw new Error(`worker ${index} holds depth ${this.depth} and cannot expand depth ${level}`);
    this.level = level;
    this.cand = new Candidates();
    this.candDepth = level + 1;
    this.gen = new Int32Array(this.frontier.length);
  }

  /** The level's new states become the committed frontier. */
  private commit(): void {
    const states = this.cand.sorted();
    for (const st of states) this.seen.add(st.hi, st.lo, this.parents.add(st.phi, st.plo, st.action, st.succ));
    this.frontier = states;
    this.depth = this.candDepth;
    this.cand = new Candidates();
  }

  /** After a restart: the checkpoints of depths 1..level. */
  private resume(dir: string, level: number): void {
    for (let d = 1; d <= level; d++) {
      this.cand = new Candidates();
      for (const st of readDelta(dir, d)) this.cand.restore(st);
      this.candDepth = d;
      this.commit();
    }
  }

  answer(m: RpcMsg): ParentReply | CountReply {
    if (m.type === "parent") {
      const id = this.seen.get(m.hi, m.lo);
      const st = id >= 0 ? this.parents.get(id) : this.cand.find(m.hi, m.lo);
      if (st === undefined) return { found: false };
      return { found: true, init: st.action < 0 ? st.succ : -1, phi: st.phi, plo: st.plo, action: st.action, succ: st.succ };
    }
    // where one machine stops: the states up to the key, the successors of the parents before it
    const key = keyOfHex(m.key);
    const pkey = keyOfHex(m.parentKey);
    let distinct = this.parents.size;
    for (const st of this.cand.states) if (compareKeys(st.key, key) <= 0) distinct++;
    let generated = 0;
    if (this.level > 0) for (let i = 0; i < this.frontier.length; i++) if (compareKeys(this.frontier[i]!.key, pkey) < 0) generated += this.gen[i]!;
    return { distinct, generated };
  }
}
