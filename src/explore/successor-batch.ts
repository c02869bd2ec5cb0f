// All the successors of one state, computed before any of them is admitted: encoded one after
// another into one buffer, fingerprinted, and each one's seen-set slot read once. A probe of a
// large seen-set is a cache miss (about 150 ns here); issued back to back, the misses of a state's successors overlap
// instead of stalling one after another, and the admitting pass then finds the slots in cache.
// A throw (or a successor that is not a state) is kept in `error` and raised by the caller after
// the successors before it, so a search stops where, and with the verdict, it always did.
// With symmetry, a successor that is a twin renaming of an earlier sibling (sibling-delta.ts)
// takes that sibling's representative bytes and fingerprint instead of being canonicalised.

import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../fingerprint/hash.js";
import type { Model } from "../model/compile.js";
import { SiblingSignatures } from "../symmetry/sibling-delta.js";
import { encodeSuccessor, successorsAt } from "./spec-calls.js";

/** A seen-set that can be read ahead: `touch` loads a fingerprint's home slot and returns a word of it. */
export interface Probe {
  touch(hi: number, lo: number): number;
}

export class SuccessorBatch {
  /** Successors collected. Successor j: action[j], k[j] (its ordinal within the action), state[j],
   * fingerprint hi[j]/lo[j], and its canonical bytes at bytes[off[j] .. off[j] + len[j]). */
  n = 0;
  bytes: Uint8Array = new Uint8Array(0);
  off: Int32Array = new Int32Array(64);
  len: Int32Array = new Int32Array(64);
  hi: Int32Array = new Int32Array(64);
  lo: Int32Array = new Int32Array(64);
  action: Int32Array = new Int32Array(64);
  k: Int32Array = new Int32Array(64);
  readonly state: unknown[] = [];
  /** Per action: how many successors it gave in this state (0 after an error in an earlier one). */
  readonly counts: Int32Array;
  /** The spec error that ended the collection, to raise once the successors before it are admitted. */
  error: unknown = null;
  /** Where a generator's successors are drained, reused from state to state. */
  private readonly drained: unknown[] = [];
  /** Where touched words go, so the reads are not optimised away. */
  private sink = 0;

  /** Encodes the successors one after another into its own buffer: that buffer is the arena. */
  private readonly enc = new Encoder();

  /** Null without symmetry, or with MC_SIBLING_SKIP=0 (for the tests that compare both ways). */
  readonly siblings: SiblingSignatures | null;

  constructor(private readonly model: Model) {
    this.counts = new Int32Array(model.actions.length);
    this.siblings = model.symmetry !== null && process.env["MC_SIBLING_SKIP"] !== "0" ? new SiblingSignatures(model.symmetry) : null;
  }

  collect(s: unknown, probe: Probe): void {
    const { model, enc } = this;
    const nActions = model.actions.length;
    let n = 0;
    let end = 0;
    this.error = null;
    const sib = this.siblings !== null && this.siblings.start(s) ? this.siblings : null;
    for (let a = 0; a < nActions; a++) {
      let succ: readonly unknown[];
      try {
        succ = successorsAt(model, a, s, this.drained);
      } catch (e) {
        this.fail(e, a, n);
        return;
      }
      const m = succ.length;
      this.counts[a] = m;
      if (n + m > this.off.length) this.grow(n + m);
      for (let k = 0; k < m; k++) {
        const twin = sib === null ? -1 : sib.match(s, a, succ[k], n);
        let len: number;
        if (twin >= 0) {
          // the same orbit as successor `twin`: its bytes (copied: every successor owns its range)
          len = this.len[twin]!;
          const from = this.off[twin]!;
          enc.put(enc.buf.subarray(from, from + len), len, end);
          this.hi[n] = this.hi[twin]!;
          this.lo[n] = this.lo[twin]!;
        } else {
          try {
            len = encodeSuccessor(enc, model, a, s, succ, k, end);
          } catch (e) {
            this.fail(e, a + 1, n);
            return;
          }
          fingerprint(enc.buf, len, end);
          this.hi[n] = fpHi();
          this.lo[n] = fpLo();
        }
        this.off[n] = end;
        this.len[n] = len;
        this.action[n] = a;
        this.k[n] = k;
        this.state[n] = succ[k];
        end += len;
        n++;
      }
    }
    this.n = n;
    this.bytes = enc.buf;
    // The reads back to back, after all the spec's work: misses overlap only when nothing long
    // runs between them (a load that misses holds up everything after it once the core's
    // reorder window is full).
    let x = 0;
    for (let j = 0; j < n; j++) x ^= probe.touch(this.hi[j]!, this.lo[j]!);
    this.sink ^= x;
  }

  /** Lets the successors go once they are admitted: held on, they would survive a scavenge. */
  release(): void {
    this.state.fill(undefined, 0, this.n);
    this.drained.length = 0;
  }

  private fail(e: unknown, from: number, n: number): void {
    this.error = e;
    this.bytes = this.enc.buf;
    this.counts.fill(0, from);
    this.n = n;
  }

  private grow(need: number): void {
    const cap = Math.max(need, this.off.length * 2);
    const more = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.off = more(this.off);
    this.len = more(this.len);
    this.hi = more(this.hi);
    this.lo = more(this.lo);
    this.action = more(this.action);
    this.k = more(this.k);
  }
}
