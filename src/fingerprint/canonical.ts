// The canonical form of a state: the value decoded from its canonical bytes. The search expands
// states decoded from the frontier's bytes, so every other place that numbers successors (trace
// replay, a worker's replay) must expand this same form: an Immutable Set or Map iterates in an
// order that depends on how it was built, and "successor k" is only defined on one representation.

import { Decoder } from "./decode.js";
import { Encoder } from "./encode.js";

export class Canonicalizer {
  private readonly enc = new Encoder();
  private readonly dec = new Decoder();

  /** `s` as the search sees it after a round trip through the frontier (equal under Immutable.is). */
  of(s: unknown): unknown {
    const len = this.enc.encode(s);
    return this.dec.decode(this.enc.buf.subarray(0, len), 0);
  }
}
