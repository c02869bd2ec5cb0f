// A lasso of orbit representatives made a real, replayable lasso. The prefix is realised step by
// step as a trace is (realise.ts); the cycle is walked again and again in real identities, each
// pass by the same actions into the same orbits, until the state it starts from repeats: each
// pass starts in the orbit of the cycle's entry, and the next pass's start is a function of this
// one's, so within |orbit| passes a start repeats (in practice the order of the permutation the
// cycle applies). Every pass has the labels and enabledness of the quotient cycle, so the real
// cycle is fair exactly when that one is (docs/symmetry.md).

import { is } from "immutable";
import { Encoder } from "../fingerprint/encode.js";
import type { Model } from "../model/compile.js";
import { McError } from "../result/errors.js";
import { Realiser } from "./realise.js";

/** The longest real lasso unrolled before giving up (MC052). */
export const UNROLL_MOST = 100_000;

export interface RealLasso {
  /** The states, and per state after the first the action index that reached it. */
  readonly states: unknown[];
  readonly actions: number[];
  /** The behaviour goes on from the last state back to states[loop] (by `close`, or stuttering when null). */
  readonly loop: number;
}

/**
 * `reps` are the representatives along the quotient lasso from initial state `init`; `actions[i]`
 * leads from reps[i] to reps[i + 1]; the quotient cycle is reps[loop..] and closes by action
 * `close` into reps[loop]'s orbit (null: the last state stutters forever).
 */
export function unrollLasso(model: Model, init: number, reps: readonly unknown[], actions: readonly number[], loop: number, close: number | null): RealLasso {
  const r = new Realiser(model);
  const want = reps.map((x) => r.bytes(x));
  // every step of a lasso changes the state (the graph has no stutter edges): its realisation must too
  const moves = (x: unknown, t: unknown): boolean => !is(t, x);
  const step = (x: unknown, a: number, to: Uint8Array): unknown => r.step(x, a, to, (t) => moves(x, t));
  const states = r.trace(init, reps, actions, moves);
  const acts = [...actions];
  if (close === null) return { states, actions: acts, loop };
  const enc = new Encoder();
  const key = (x: unknown): string => Buffer.from(enc.buf.subarray(0, enc.encode(x))).toString("latin1");
  // where each pass started in the real trace, by the starting state's bytes
  const starts = new Map<string, number>([[key(states[loop]), loop]]);
  for (;;) {
    const next = step(states.at(-1), close, want[loop]!);
    const k = key(next);
    const again = starts.get(k);
    if (again !== undefined) return { states, actions: acts, loop: again };
    if (states.length >= UNROLL_MOST) {
      throw new McError(
        "MC052",
        `${model.file}: the lasso that violates a temporal property of spec '${model.name}' under its symmetry (${model.symmetry!.names.join(", ")}) did not close in real identities within ${UNROLL_MOST.toLocaleString("en-US")} states (${starts.size} passes of its cycle); check the property with --no-symmetry.`,
      );
    }
    starts.set(k, states.length);
    states.push(next);
    acts.push(close);
    for (let i = loop; i < actions.length; i++) {
      states.push(step(states.at(-1), actions[i]!, want[i + 1]!));
      acts.push(actions[i]!);
    }
  }
}
