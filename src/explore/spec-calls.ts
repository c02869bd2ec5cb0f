// The explorer's calls into the spec: an action's successors, the encoding of an initial state or
// a successor, the invariants. Each turns a throw or a value that is not a state into the spec
// error that names the action, the invariant or the state, so every search reports them alike.

import { Encoder, NotAStateError } from "../fingerprint/encode.js";
import type { Model } from "../model/compile.js";
import { showState } from "../model/show-state.js";
import { PromiseReturned, successorsOf } from "../model/successors.js";
import { McError, describeThrown } from "../result/errors.js";
import { orbitCanon } from "../symmetry/orbit.js";

/**
 * The successors of action `a` in `s`; a throw or a Promise becomes the spec error naming it.
 * A generator's successors go into `into` when given (cleared first) instead of a new Array.
 */
export function successorsAt(model: Model, a: number, s: unknown, into?: unknown[]): readonly unknown[] {
  try {
    return successorsOf(model.actions[a]!(s), into);
  } catch (e) {
    throw actionError(model, a, s, e);
  }
}

/**
 * Encodes initial state `k` into `enc`; a non-state becomes the spec error naming it. With
 * symmetry, the bytes are those of the state's orbit representative (as for successors).
 */
export function encodeInit(enc: Encoder, model: Model, k: number): number {
  try {
    return model.symmetry === null ? enc.encode(model.init[k]) : orbitCanon(model).encodeRep(model.init[k], enc);
  } catch (e) {
    throw initError(model, k, e);
  }
}

/** Encodes successor `k` of action `a` into `enc` at offset `at`; a non-state becomes the spec error naming it. */
export function encodeSuccessor(enc: Encoder, model: Model, a: number, s: unknown, succ: readonly unknown[], k: number, at = 0): number {
  try {
    return model.symmetry === null ? enc.encode(succ[k], at) : orbitCanon(model).encodeRep(succ[k], enc, at);
  } catch (e) {
    throw actionError(model, a, s, e, succ.length > 1 ? k : -1);
  }
}

/** The index of the first invariant `s` breaks, or -1; a throw or a non-boolean is a spec error. */
export function firstBroken(model: Model, s: unknown): number {
  const invs = model.invariants;
  for (let i = 0; i < invs.length; i++) {
    let r: unknown;
    try {
      r = invs[i]!(s);
    } catch (e) {
      throw new McError("MC012", `${model.file}: invariant '${model.invariantNames[i]}' threw ${describeThrown(e)} in state ${showState(s)}.`);
    }
    if (r === true) continue;
    if (r === false) return i;
    throw new McError(
      "MC013",
      `${model.file}: invariant '${model.invariantNames[i]}' returned ${showState(r, 60)} (${typeof r}), not a boolean, in state ${showState(s)}. An invariant must return true or false.`,
    );
  }
  return -1;
}

/** The index of the first state constraint `s` is outside of, or -1 (MC073 for a throw or a non-boolean). */
export function firstOutside(model: Model, s: unknown): number {
  return firstFalse(model.constraints, model.constraintNames, s, "MC073", "state constraint", model.file);
}

/** Whether `s` is one of the protocol's intended ends (MC074 for a throw or a non-boolean). */
export function isTerminal(model: Model, s: unknown): boolean {
  return model.terminals.length > 0 && firstFalse(model.terminals, model.terminalNames, s, "MC074", "terminal predicate", model.file, true) >= 0;
}

/** The first predicate that is false (or, with `want`, true) in `s`, or -1. */
function firstFalse(fns: readonly ((s: unknown) => unknown)[], names: readonly string[], s: unknown, code: "MC073" | "MC074", what: string, file: string, want = false): number {
  for (let i = 0; i < fns.length; i++) {
    let r: unknown;
    try {
      r = fns[i]!(s);
    } catch (e) {
      throw new McError(code, `${file}: ${what} '${names[i]}' threw ${describeThrown(e)} in state ${showState(s)}.`);
    }
    if (r === want) return i;
    if (r !== !want) throw new McError(code, `${file}: ${what} '${names[i]}' returned ${showState(r, 60)} (${typeof r}), not a boolean, in state ${showState(s)}. It must return true or false.`);
  }
  return -1;
}

function actionError(model: Model, a: number, s: unknown, e: unknown, k = -1): McError {
  const name = model.actionNames[a];
  const where = `${model.file}: action '${name}'`;
  const inState = `in state ${showState(s)}`;
  if (e instanceof McError) return e;
  if (e instanceof PromiseReturned || e instanceof NotAStateError) {
    const what = e instanceof PromiseReturned ? "a Promise (actions must be synchronous)" : e.message;
    const which = k >= 0 ? ` in successor ${k}` : "";
    return new McError(
      "MC010",
      `${where} returned a value that is not a state${which}: ${what}, ${inState}. An action returns null/false when disabled, ` +
        `one Immutable value or primitive, or an Array or generator of them.`,
    );
  }
  return new McError("MC011", `${where} threw ${describeThrown(e)} ${inState}.`);
}

function initError(model: Model, k: number, e: unknown): McError {
  if (e instanceof NotAStateError) {
    return new McError("MC007", `${model.file}: initial state ${k} of spec '${model.name}' is not a state: ${e.message}; it is ${showState(model.init[k])}.`);
  }
  return new McError("MC007", `${model.file}: initial state ${k} of spec '${model.name}' could not be encoded: ${describeThrown(e)}.`);
}
