// Counterexamples in real identities. Under symmetry the parent links lead through orbit
// representatives; a trace of those is no behaviour of the spec (each step is a successor of a
// renamed state). From the spec's own initial state, each step takes the first successor by the
// recorded action whose representative is the next recorded one: a real behaviour, step for
// step the spec's own successor, of the same length.

import { Encoder } from "../fingerprint/encode.js";
import { Canonicalizer } from "../fingerprint/canonical.js";
import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";
import { McError } from "../result/errors.js";
import { showState } from "../model/show-state.js";
import { orbitCanon } from "./orbit.js";

export class Realiser {
  private readonly plain = new Canonicalizer();
  private readonly enc = new Encoder();

  constructor(private readonly model: Model) {}

  /** The real initial state `k` as the search expands it. */
  init(k: number): unknown {
    return this.plain.of(this.model.init[k]);
  }

  /** The representative's bytes of `s` (a copy). */
  orbit(s: unknown): Uint8Array {
    return orbitCanon(this.model).bytesOf(s);
  }

  /**
   * The first successor of real state `r` by action `a` whose orbit is `want` (and, when given,
   * that passes `also`); MC051 when there is none: the spec is not symmetric.
   */
  step(r: unknown, a: number, want: Uint8Array, also?: (t: unknown) => boolean): unknown {
    for (const t of successorsOf(this.model.actions[a]!(r))) {
      const c = this.plain.of(t);
      if (same(this.orbit(c), want) && (also === undefined || also(c))) return c;
    }
    throw notSymmetric(this.model, `no successor of ${showState(r)} by action '${this.model.actionNames[a]}' is in the orbit of the successor its representative has`);
  }

  /**
   * The real trace along representatives `reps` (reps[0] an initial state's representative);
   * each step, when `also` is given, the first successor `t` of `r` that passes `also(r, t)`.
   */
  trace(init: number, reps: readonly unknown[], actions: readonly number[], also?: (r: unknown, t: unknown) => boolean): unknown[] {
    let r = this.init(init);
    const out = [r];
    for (let i = 0; i < actions.length; i++) {
      const from = r;
      r = this.step(r, actions[i]!, this.bytes(reps[i + 1]), also && ((t) => also(from, t)));
      out.push(r);
    }
    return out;
  }

  /** A representative's own bytes (its plain encoding is its orbit's). */
  bytes(rep: unknown): Uint8Array {
    return this.enc.buf.slice(0, this.enc.encode(rep));
  }
}

export function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** MC051: the declared symmetry is broken by the spec (found while checking or replaying). */
export function notSymmetric(model: Model, what: string): McError {
  const sets = model.symmetry?.names.join(", ") ?? "";
  return new McError(
    "MC051",
    `${model.file}: spec '${model.name}' is not symmetric under its declared symmetry (${sets}): ${what}. ` +
      `A declared set's identities must be interchangeable everywhere (initial states, actions, invariants, properties); ` +
      `fix the spec or its symmetry, or check it with --no-symmetry.`,
  );
}
