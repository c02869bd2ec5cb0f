// The symmetry check's reach past the first states: after the search, every state it reached
// (a small spec) or an even spread of them over the whole search, deep states included, is
// rebuilt from the parent links and checked as the first states were (symmetry/verify.ts).

import type { Model } from "../model/compile.js";
import { Encoder } from "../fingerprint/encode.js";
import { SymmetryCheck, orbitKey } from "../symmetry/verify.js";
import { canonicalizerFor, replayStep } from "./replay.js";
import type { StateStore } from "./state-store.js";
import { nondeterministic } from "./trace.js";

/** Up to this many reached states every one is checked; past it, this many spread evenly. */
export const REACH = 4096;
/** Rebuilt states kept for their descendants; past this the memo starts again (bounds memory). */
const MEMO = 1 << 16;

/**
 * Checks the reached states `reachSample` picks, but for those the check before the search
 * already did (`before`, their representatives' bytes: all of a spec of at most SAMPLE orbits);
 * MC051 on a mismatch. Returns how many were checked.
 */
export function verifyReached(model: Model, store: StateStore, most = REACH, before: ReadonlySet<string> = new Set()): number {
  if (model.symmetry === null || store.size === 0) return 0;
  const reach = new ReachCheck(model, store, before);
  reachSample(store.size, most).forEach((id, i) => reach.at(id, i));
  return reach.checked;
}

/**
 * One thread's share of the check: the reached state `id` (the `i`-th of the sample) rebuilt
 * and checked. Several threads may split one sample between them (parallel/reach-share.ts):
 * which states each rebuilds changes nothing but its memo.
 */
export class ReachCheck {
  private readonly check: SymmetryCheck;
  private readonly enc = new Encoder();
  private readonly canon;
  private readonly memo = new Map<number, unknown>();
  /** States checked so far (those `before` names are skipped). */
  checked = 0;

  constructor(
    private readonly model: Model,
    private readonly store: StateStore,
    private readonly before: ReadonlySet<string> = new Set(),
  ) {
    this.check = new SymmetryCheck(model);
    this.canon = canonicalizerFor(model);
  }

  /** Checks reached state `id`, the `i`-th of the sample (which picks the generator in turn). */
  at(id: number, i: number): void {
    const s = this.stateOf(id);
    // s is a representative: its own encoding is its orbit's bytes
    if (this.before.size > 0 && this.before.has(orbitKey(this.enc.buf.subarray(0, this.enc.encode(s))))) return;
    this.check.state(s, i);
    this.checked++;
  }

  private stateOf(id: number): unknown {
    const { model, store, memo, canon } = this;
    const chain: number[] = [];
    const links: ReturnType<StateStore["link"]>[] = [];
    let s: unknown;
    for (let at = id; ; ) {
      s = memo.get(at);
      if (s !== undefined) break;
      const l = store.link(at);
      chain.push(at);
      links.push(l);
      if (l.parent < 0) break;
      at = l.parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const l = links[i]!;
      if (l.parent < 0) s = canon.of(model.init[l.succ]);
      else {
        s = replayStep(model, canon, s, l.action, l.succ);
        if (s === undefined) nondeterministic(model, chain.length - i, "a reached state for the symmetry check");
      }
      if (memo.size >= MEMO) memo.clear();
      memo.set(chain[i]!, s);
    }
    return s;
  }
}

/** Every id below `size` when there are at most `most`; else `most` ids at an even stride, the last (deepest) included. */
export function reachSample(size: number, most: number): number[] {
  if (size <= most) return Array.from({ length: size }, (_, i) => i);
  return Array.from({ length: most }, (_, i) => Math.floor(((i + 1) * size) / most) - 1);
}
