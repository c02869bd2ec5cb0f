// One owner's new states of the level in progress: each successor that is in no earlier level
// is kept once, with the least path key any sender offered for it (the one-machine order's
// first arrival), and with that arrival's parent, action and successor index.

import { SeenSet } from "../explore/seen-set.js";
import type { DeltaState } from "./checkpoint.js";
import { compareKeys } from "./path-key.js";

export class Candidates {
  private readonly set = new SeenSet(1 << 12, true);
  readonly states: DeltaState[] = [];

  get size(): number {
    return this.states.length;
  }

  /** Offers a state; `bytes()` is called only when it is new. */
  offer(hi: number, lo: number, phi: number, plo: number, action: number, succ: number, key: Uint8Array, bytes: () => Uint8Array): void {
    if (this.set.add(hi, lo, this.states.length)) {
      this.states.push({ hi, lo, phi, plo, action, succ, key, bytes: bytes() });
      return;
    }
    const s = this.states[this.set.id]!;
    if (compareKeys(key, s.key) >= 0) return;
    s.phi = phi;
    s.plo = plo;
    s.action = action;
    s.succ = succ;
    s.key = key;
  }

  /** The state with this fingerprint, if it is a candidate. */
  find(hi: number, lo: number): DeltaState | undefined {
    const i = this.set.get(hi, lo);
    return i < 0 ? undefined : this.states[i];
  }

  /** The states in path-key order (the order one machine admits them in). */
  sorted(): DeltaState[] {
    return [...this.states].sort((a, b) => compareKeys(a.key, b.key));
  }
}
