// The canonical form of a state: the value decoded from its canonical bytes. The search expands
// states decoded from the frontier's bytes, so every other place that numbers successors (trace
// replay, a worker's replay) must expand this same form: an Immutable Set or Map iterates in an
// order that depends on how it was built, and "successor k" is only defined on one representation.

import { Decoder } from "./decode.js";
import { Encoder } from "./encode.js";

export class Canonicalizer {
  private readonly enc = new Encoder();
  private readonly dec = new Decoder();

  /** `orbit`, with symmetry: rewrites the bytes enc.buf[0 .. len) of `s` into its orbit representative's. */
  constructor(private readonly orbit: ((s: unknown, enc: Encoder, len: number) => number) | null = null) {}

  /** `s` as the search sees it after a round trip through the frontier (equal under Immutable.is). */
  of(s: unknown): unknown {
    let len = this.enc.encode(s);
    if (this.orbit !== null) len = this.orbit(s, this.enc, len);
    return this.dec.decode(this.enc.buf.subarray(0, len), 0);
  }
}
