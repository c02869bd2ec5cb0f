// One owner's new states of the level in progress: each successor that is in no earlier level
// is kept once, with the least path key any sender offered for it (the one-machine order's
// first arrival), and with that arrival's parent, action and successor index.

import { SeenSet } from "../explore/seen-set.js";
import type { DeltaState } from "./checkpoint.js";
import { appendOrdinal, compareKeys, ordinals } from "./path-key.js";

/** The order of key pkey+ord against `key` (a key of the same level), without building the first. */
function compareChild(pkey: Uint8Array, ord: number, key: Uint8Array): number {
  for (let i = 0; i < pkey.length; i++) if (pkey[i] !== key[i]) return pkey[i]! - key[i]!;
  return ord - ordinals(key.subarray(pkey.length))[0]!;
}

export class Candidates {
  private readonly set = new SeenSet(1 << 12, true);
  readonly states: DeltaState[] = [];

  get size(): number {
    return this.states.length;
  }

  /**
   * Offers a state reached from the parent with path key `pkey` as its successor `ord`, its bytes
   * src[off .. off + len]; the key and a copy of the bytes are made only when the state is new
   * or the offer beats the one kept (most offers are duplicates: nothing is allocated for them).
   */
  offer(hi: number, lo: number, phi: number, plo: number, action: number, succ: number, pkey: Uint8Array, ord: number, src: Uint8Array, off: number, len: number): void {
    if (this.set.add(hi, lo, this.states.length)) {
      this.states.push({ hi, lo, phi, plo, action, succ, key: appendOrdinal(pkey, ord), bytes: src.slice(off, off + len) });
      return;
    }
    const s = this.states[this.set.id]!;
    if (compareChild(pkey, ord, s.key) >= 0) return;
    s.phi = phi;
    s.plo = plo;
    s.action = action;
    s.succ = succ;
    s.key = appendOrdinal(pkey, ord);
  }

  /** Keeps a state read from a checkpoint as it was written. */
  restore(st: DeltaState): void {
    if (this.set.add(st.hi, st.lo, this.states.length)) this.states.push(st);
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
