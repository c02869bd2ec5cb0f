// The whole reachable state graph, for drawing (`mc graph`): every state with its number, every
// transition labelled by its action, initial, violating and deadlocked states marked. Small
// graphs only: it stops at `maxStates` instead of building a picture nobody can read.

import { Decoder } from "../fingerprint/decode.js";
import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../fingerprint/hash.js";
import type { Model } from "../model/compile.js";
import { encodeInit, encodeSuccessor, firstBroken, firstOutside, isTerminal, successorsAt } from "./spec-calls.js";

export interface StateGraph {
  readonly states: readonly unknown[];
  readonly initial: ReadonlySet<number>;
  /** State number → the first invariant it breaks. */
  readonly violating: ReadonlyMap<number, string>;
  readonly deadlocked: ReadonlySet<number>;
  /** States outside a state constraint: checked, not expanded (drawn dashed). */
  readonly cut: ReadonlySet<number>;
  readonly edges: readonly { readonly from: number; readonly to: number; readonly action: string }[];
}

/** The graph, or undefined when it has more than `maxStates` states. */
export function stateGraph(model: Model, maxStates: number): StateGraph | undefined {
  const enc = new Encoder();
  const dec = new Decoder();
  const ids = new Map<string, number>();
  const states: unknown[] = [];
  const initial = new Set<number>();
  const violating = new Map<number, string>();
  const deadlocked = new Set<number>();
  const cut = new Set<number>();
  const edges: { from: number; to: number; action: string }[] = [];
  const seenEdges = new Set<string>();
  const admit = (len: number, s: unknown): number => {
    fingerprint(enc.buf.subarray(0, len));
    const key = `${fpHi()}:${fpLo()}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = states.length;
      ids.set(key, id);
      // with symmetry, a node is an orbit: it is drawn as (and expanded from) its representative
      states.push(model.symmetry === null ? s : dec.decode(enc.buf, 0));
      const bad = firstBroken(model, s);
      if (bad >= 0) violating.set(id, model.invariantNames[bad]!);
    }
    return id;
  };
  for (let k = 0; k < model.init.length; k++) initial.add(admit(encodeInit(enc, model, k), model.init[k]));
  // breadth-first, so state numbers follow distance from the initial states
  for (let i = 0; i < states.length; i++) {
    if (states.length > maxStates) return undefined;
    const s = states[i];
    if (model.constraints.length > 0 && firstOutside(model, s) >= 0) {
      cut.add(i);
      continue;
    }
    let enabled = 0;
    for (let a = 0; a < model.actions.length; a++) {
      const succ = [...successorsAt(model, a, s)];
      for (let k = 0; k < succ.length; k++) {
        enabled++;
        const to = admit(encodeSuccessor(enc, model, a, s, succ, k), succ[k]);
        const e = `${i}>${to}>${a}`;
        if (seenEdges.has(e)) continue;
        seenEdges.add(e);
        edges.push({ from: i, to, action: model.actionNames[a]! });
      }
    }
    if (enabled === 0 && !isTerminal(model, s)) deadlocked.add(i);
  }
  return states.length > maxStates ? undefined : { states, initial, violating, deadlocked, cut, edges };
}
