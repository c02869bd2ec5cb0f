// Symmetry is checked, not trusted. Before the search, on the first SAMPLE states of the
// quotient in breadth-first order, and after it on the states it reached (explore/symmetry-reach.ts),
// each declared set's generators (a transposition and a full cycle of its identities: together
// they generate every permutation of the set) are applied to the state, and the spec must not
// tell the two apart: the same invariant, constraint, terminal and property-predicate values,
// and per action the renamed successors exactly the successors of the renamed state, with the
// same action-property values on matching steps. The initial states must be closed under
// renaming. A mismatch is MC051, naming the set, the part of the spec and a witness state. What
// it cannot see is in docs/symmetry.md.

import { Decoder } from "../fingerprint/decode.js";
import { Encoder } from "../fingerprint/encode.js";
import type { Model } from "../model/compile.js";
import { showState } from "../model/show-state.js";
import { successorsOf } from "../model/successors.js";
import { McError } from "../result/errors.js";
import { brokenStep } from "../explore/action-properties.js";
import { firstBroken, firstOutside, isTerminal } from "../explore/spec-calls.js";
import { evalPredicate, layoutOf } from "../explore/liveness/layout.js";
import { orbitCanon } from "./orbit.js";
import { notSymmetric } from "./realise.js";

/** States of the quotient checked before the search (all of them when it is smaller). */
export const SAMPLE = 128;
/** The first FULL of them under every generator; the others under one each, in turn. */
export const FULL = 32;

interface Generator {
  readonly set: string;
  readonly text: string;
  readonly rename: ReadonlyMap<string, string>;
}

/**
 * Checks the first `sample` states of the quotient; returns their representatives' bytes (as
 * keys), so that the check after the search (symmetry-reach.ts) does not check them again.
 */
export function verifySymmetry(model: Model, sample = SAMPLE): ReadonlySet<string> {
  if (model.symmetry === null) return new Set();
  const check = new SymmetryCheck(model);
  check.initial();
  const canon = orbitCanon(model);
  const seen = new Set<string>();
  const checked = new Set<string>();
  const queue: unknown[] = [];
  const keys: string[] = [];
  const meet = (t: unknown): void => {
    const k = orbitKey(canon.bytesOf(t));
    if (seen.has(k)) return;
    seen.add(k);
    queue.push(t);
    keys.push(k);
  };
  for (const s of model.init) meet(s);
  for (let qi = 0; qi < queue.length && qi < sample; qi++) {
    const succs = check.state(queue[qi]!, qi < FULL ? "all" : qi);
    checked.add(keys[qi]!);
    if (queue.length >= sample) continue;
    for (const succ of succs) for (const t of succ) meet(t);
  }
  return checked;
}

/** A representative's bytes as a Set key. */
export function orbitKey(bytes: Uint8Array): string {
  return key(bytes, -1);
}

/**
 * The spec must not tell a state from its renamings by the generators: one state at a time, for
 * the check before the search and the one on a sample of the states it reached.
 */
export class SymmetryCheck {
  /** How many states were checked, and the generator applications made (for the cost note). */
  states = 0;
  renamings = 0;
  private readonly gens: readonly Generator[];
  private readonly enc = new Encoder();
  private readonly dec = new Decoder();
  private readonly layout;

  constructor(private readonly model: Model) {
    this.gens = generators(model);
    this.layout = model.properties.length > 0 ? layoutOf(model) : null;
  }

  /** The initial states are closed under every generator. */
  initial(): void {
    const initial = new Set(this.model.init.map((s) => this.bytes(s)));
    for (const g of this.gens) {
      for (const s of this.model.init) {
        if (!initial.has(this.bytes(s, g))) throw fail(this.model, g, "the initial states", s, "the renamed initial state is not an initial state");
      }
    }
  }

  /**
   * Checks `s` under every generator ("all") or under the `which`-th in turn; returns the
   * successors of `s` per action (the caller's search goes on from them).
   */
  state(s: unknown, which: "all" | number): unknown[][] {
    const model = this.model;
    const succs = model.actions.map((act) => [...successorsOf(act(s))]);
    this.states++;
    const gens = which === "all" ? this.gens : this.gens.length ? [this.gens[which % this.gens.length]!] : [];
    if (gens.length === 0) return succs;
    // what depends on s alone, once: compared with each renaming's below
    const a0 = firstBroken(model, s);
    const c0 = firstOutside(model, s);
    const terminal = isTerminal(model, s);
    const preds = this.layout?.predicates ?? [];
    const values = preds.map((pred) => evalPredicate(model, pred, s));
    for (const g of gens) {
      this.renamings++;
      const ps = this.apply(s, g);
      const b0 = firstBroken(model, ps);
      if (a0 !== b0) {
        const inv = model.invariantNames[a0 >= 0 ? a0 : b0]!;
        throw fail(model, g, `invariant '${inv}'`, s, `it ${a0 >= 0 ? "fails" : "holds"} there and ${b0 >= 0 ? "fails" : "holds"} after the renaming`);
      }
      const c1 = firstOutside(model, ps);
      if (c0 !== c1) throw fail(model, g, `state constraint '${model.constraintNames[c0 >= 0 ? c0 : c1]}'`, s, `the state is ${c0 >= 0 ? "outside" : "inside"} it and the renamed state ${c1 >= 0 ? "outside" : "inside"}`);
      if (terminal !== isTerminal(model, ps)) throw fail(model, g, "the terminal predicates", s, "they tell the state and its renaming apart");
      preds.forEach((pred, i) => {
        if (values[i] !== evalPredicate(model, pred, ps)) throw fail(model, g, `property '${model.propertyNames[pred.property]}'`, s, "its state predicate changes value under the renaming");
      });
      for (let a = 0; a < model.actions.length; a++) {
        const succ = succs[a]!;
        const psucc = [...successorsOf(model.actions[a]!(ps))];
        const mine = new Set(succ.map((t) => this.bytes(t, g)));
        const theirs = new Set(psucc.map((t) => this.bytes(t)));
        if (mine.size !== theirs.size || [...mine].some((x) => !theirs.has(x))) {
          throw fail(model, g, `action '${model.actionNames[a]}'`, s, "the renamed state's successors by it are not the renamed successors");
        }
        if (model.actionProperties.length === 0) continue;
        for (const t of succ) {
          if (brokenStep(model, s, t, a) !== brokenStep(model, ps, this.apply(t, g), a)) {
            throw fail(model, g, `an action property on action '${model.actionNames[a]}'`, s, `the step to ${showState(t, 200)} and its renaming disagree`);
          }
        }
      }
    }
    return succs;
  }

  private bytes(s: unknown, g?: Generator): string {
    this.enc.rename = g?.rename ?? null;
    try {
      return key(this.enc.buf, this.enc.encode(s));
    } finally {
      this.enc.rename = null;
    }
  }

  private apply(s: unknown, g: Generator): unknown {
    this.enc.rename = g.rename;
    try {
      return this.dec.decode(this.enc.buf.subarray(0, this.enc.encode(s)), 0);
    } finally {
      this.enc.rename = null;
    }
  }
}

/**
 * Per declared set of two or more: a transposition, and a cycle of all when there are three or
 * more; together they generate its permutations. With owned sets the group is the renamings that
 * keep the owner relation: per class of owners (as many members in each owned set) the same two
 * renamings carrying each owner's members with it, in order, and per owner the two renamings of
 * its own members. Conjugating one owner's by the carried ones gives every owner's.
 */
function generators(model: Model): Generator[] {
  const out: Generator[] = [];
  const sym = model.symmetry!;
  const owners = sym.owners ?? new Map<string, string>();
  const membersOf = new Map<string, string[][]>(); // owner → its members, per owned set
  sym.sets.forEach((ids, i) => {
    for (const id of ids) {
      const o = owners.get(id);
      if (o === undefined) continue;
      const per = membersOf.get(o) ?? sym.sets.map(() => []);
      membersOf.set(o, per);
      per[i]!.push(id);
    }
  });
  const both = (set: string, text: string, pairs: [string, string][]): Generator => ({ set, text, rename: new Map(pairs) });
  const carried = (cycle: readonly string[]): [string, string][] =>
    cycle.flatMap((x, j) => {
      const y = cycle[(j + 1) % cycle.length]!;
      const mine = membersOf.get(x) ?? [];
      const theirs = membersOf.get(y) ?? [];
      return [[x, y] as [string, string], ...mine.flatMap((ms, s) => ms.map((m, k) => [m, theirs[s]![k]!] as [string, string]))];
    });
  const carry = (x: string): string => (membersOf.has(x) ? " with their members" : "");
  sym.sets.forEach((ids, i) => {
    const set = sym.names[i]!;
    if (ids.length > 0 && owners.has(ids[0]!)) {
      // an owned set: each owner's members among themselves
      for (const [o, per] of membersOf) {
        const ms = per[i]!;
        if (ms.length < 2) continue;
        out.push(both(set, `swapping ${ms[0]} and ${ms[1]} (both ${o}'s)`, [[ms[0]!, ms[1]!], [ms[1]!, ms[0]!]]));
        if (ms.length > 2) out.push(both(set, `renaming ${ms.join(" → ")} → ${ms[0]} (all ${o}'s)`, ms.map((x, j) => [x, ms[(j + 1) % ms.length]!])));
      }
      return;
    }
    const classes = new Map<string, string[]>();
    for (const id of ids) {
      const key = (membersOf.get(id) ?? []).map((ms) => ms.length).join(",");
      classes.set(key, [...(classes.get(key) ?? []), id]);
    }
    for (const c of classes.values()) {
      if (c.length < 2) continue;
      out.push(both(set, `swapping ${c[0]} and ${c[1]}${carry(c[0]!)}`, carried([c[0]!, c[1]!])));
      if (c.length > 2) out.push(both(set, `renaming ${c.join(" → ")} → ${c[0]}${carry(c[0]!)}`, carried(c)));
    }
  });
  return out;
}

function fail(model: Model, g: Generator, part: string, s: unknown, what: string): McError {
  return notSymmetric(model, `${part} treats set ${g.set} asymmetrically: in state ${showState(s, 300)}, ${g.text}: ${what}`);
}

function key(buf: Uint8Array, len: number): string {
  const b = len < 0 ? buf : buf.subarray(0, len);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
}
