// TLA's [][A]_vars: every step that changes the state, including a step into a state already
// seen, must satisfy each action property. Used by the sequential search and the parallel
// expander alike, so both find the same first offending step.

import { is } from "immutable";
import type { Model } from "../model/compile.js";
import { showState } from "../model/show-state.js";
import { McError, describeThrown } from "../result/errors.js";

/** The index of the first action property the step `s` → `t` by action `a` breaks, or -1. */
export function brokenStep(model: Model, s: unknown, t: unknown, a: number): number {
  const props = model.actionProperties;
  const action = model.actionNames[a]!;
  for (let i = 0; i < props.length; i++) {
    let r: unknown;
    try {
      r = props[i]!(s, t, action);
    } catch (e) {
      throw new McError("MC017", `${model.file}: action property '${model.actionPropertyNames[i]}' threw ${describeThrown(e)} on the step ${action} from ${showState(s)} to ${showState(t)}.`);
    }
    if (r === true) continue;
    if (r === false) return i;
    throw new McError(
      "MC018",
      `${model.file}: action property '${model.actionPropertyNames[i]}' returned ${showState(r, 60)} (${typeof r}), not a boolean, on the step ${action} ` +
        `from ${showState(s)} to ${showState(t)}. An action property must return true or false.`,
    );
  }
  return -1;
}

/**
 * Whether successor `t` of `s` is `s` itself (a stuttering step). Its bytes are a[aoff..aoff+len)
 * and those of `s` bytes[off..off+slen); with symmetry the successor's bytes are its orbit's, and
 * a real step into the state's own orbit (two threads trading places) is no stutter: compare the
 * values themselves, but only then. Unequal orbit bytes already prove t ≠ s, and deciding that
 * with a deep `is` was 7.8 of 21 s of fsdax ACTORS=parameterised's search (most steps move).
 */
export function stutters(model: Model, s: unknown, t: unknown, a: Uint8Array, aoff: number, len: number, bytes: Uint8Array, off: number, slen: number): boolean {
  return sameBytes(a, aoff, len, bytes, off, slen) && (model.symmetry === null || is(s, t));
}

/** Whether the encoded successor (a[aoff..aoff+len)) is the state itself (bytes[off..off+slen)): a stuttering step. */
export function sameBytes(a: Uint8Array, aoff: number, len: number, bytes: Uint8Array, off: number, slen: number): boolean {
  if (len !== slen) return false;
  for (let i = 0; i < len; i++) if (a[aoff + i] !== bytes[off + i]) return false;
  return true;
}
