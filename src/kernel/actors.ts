// N actors running one code path (issue 14 §3): "NG gup-fast threads, each doing this". Each
// actor's state lives in an Immutable Map keyed by its identity string, so a renaming of the
// identities maps states to states (a spec may declare them symmetric); its actions, their
// fairness and their kernel-terms step texts are generated here, once for every kernel spec.

import { Map as IMap } from "immutable";
import { instance, stepText, type StepTexts } from "./step-text.js";
import type { Symmetry } from "../spec/types.js";

/**
 * How the generated actions are named. "parameterised": one action per step (`GupGrab`) whose
 * successors are one per actor that can take it (TLA's \E g \in Gups: GupGrab(g)); fairness on
 * it is fairness of the step, not of each actor. "per-actor": one action per actor and step
 * (`GupGrab1`, `GupGrab2`), so fairness is per actor. Which one keeps a spec's liveness verdicts
 * is the spec's call (specs/NOTES.md, "The N-actor block").
 */
export type ActorActions = "parameterised" | "per-actor";
/** Actor i's suffix: "first-plain" keeps the brief's name for actor 1 (`S`, `S2`), "numbered" numbers all (`g1`). */
export type ActorSuffix = "first-plain" | "numbered";

export interface ActorsOptions {
  /** The state field (of an Immutable Record) holding the Map from identity to actor state. */
  readonly field: string;
  /** The identities, in order: actor i (1-based) is ids[i − 1]. Any number of them. */
  readonly ids: readonly string[];
  readonly actions: ActorActions;
  readonly suffix: ActorSuffix;
  /** Per-actor actions listed actor by actor (all of actor 1's, then actor 2's) or step by step. */
  readonly order?: "by-actor" | "by-step";
}

/**
 * The constant a spec declares when its actors' actions can be named either way: "per-actor"
 * (the default, the order its recorded results were found in) or "parameterised" (one action per
 * step, which a symmetry declaration needs: an action whose name embeds an actor is not
 * symmetric). Declare the actors symmetric only under "parameterised".
 */
export const ACTORS_CONSTANT = {
  default: "per-actor",
  values: ["per-actor", "parameterised"],
  doc: "per-actor: one action per actor and step (GupGrab2), the recorded order; parameterised: one action per step, the actors declared symmetric",
} as const;

/** A spec's symmetry table: `sets` when its actors' actions are parameterised, else none. */
export function symmetricWhen(actions: ActorActions, sets: Symmetry): Symmetry {
  return actions === "parameterised" ? sets : {};
}

/** One step of the code path for one actor: its successors (none: null), as an action returns them. */
export type ActorStep<S> = (s: S, id: string) => S | readonly S[] | null;
type Successors<S> = S | readonly S[] | null;

// An Immutable Record read and written by a field name only known at run time.
type Rw<S> = { get(k: string): unknown; set(k: string, v: unknown): S };
type FieldRecord = { has(k: string): boolean; get(k: string): unknown; set(k: string, v: unknown): FieldRecord };
const FOCUS = Symbol("focus");

export class Actors<L> {
  readonly field: string;
  readonly ids: readonly string[];
  readonly mode: ActorActions;
  readonly suffix: ActorSuffix;
  readonly order: "by-actor" | "by-step";

  constructor(o: ActorsOptions) {
    if (new Set(o.ids).size !== o.ids.length) throw new Error(`actors '${o.field}': identities must be distinct`);
    this.field = o.field;
    this.ids = o.ids;
    this.mode = o.actions;
    this.suffix = o.suffix;
    this.order = o.order ?? "by-actor";
  }

  /** Every actor in `local`: the field's value in an initial state. */
  init(local: L): IMap<string, L> {
    return IMap(this.ids.map((id) => [id, local] as const));
  }

  all<S>(s: S): IMap<string, L> {
    return (s as unknown as Rw<S>).get(this.field) as IMap<string, L>;
  }

  of<S>(s: S, id: string): L {
    return this.all(s).get(id) as L;
  }

  /** s with actor `id` in `local`. */
  with<S>(s: S, id: string, local: L): S {
    return (s as unknown as Rw<S>).set(this.field, this.all(s).set(id, local));
  }

  /** How many actors are in one of `states` (program counters), or satisfy `pred`: for invariants. */
  count<S>(s: S, states: readonly L[] | ((l: L) => boolean)): number {
    const p = typeof states === "function" ? states : (l: L) => states.includes(l);
    let n = 0;
    for (const l of this.all(s).values()) if (p(l)) n++;
    return n;
  }

  some<S>(s: S, states: readonly L[] | ((l: L) => boolean)): boolean {
    return this.count(s, states) > 0;
  }

  every<S>(s: S, states: readonly L[] | ((l: L) => boolean)): boolean {
    return this.count(s, states) === this.ids.length;
  }

  /** The suffix that names actor i (1-based) in action names and step texts. */
  suffixOf(i: number): string {
    return this.suffix === "first-plain" ? instance("", i) : String(i);
  }

  /** The action that is step `base` of actor i (1-based). */
  actionName(base: string, i: number): string {
    return this.mode === "parameterised" ? base : `${base}${this.suffixOf(i)}`;
  }

  /** The actions of the code path: `steps` maps each step's base name to what it does for one actor. */
  actions<S>(steps: { readonly [base: string]: ActorStep<S> }): { [name: string]: (s: S) => Successors<S> } {
    const out: { [name: string]: (s: S) => Successors<S> } = {};
    const bases = Object.keys(steps);
    // Each action closes over its step function itself: looking it up by name on every call is
    // a keyed load that sees every step's name, slow in the explorer's hottest loop.
    if (this.mode === "parameterised") {
      for (const b of bases) {
        const step = steps[b]!;
        out[b] = (s) => this.everyActor(s, step);
      }
      return out;
    }
    const one = (b: string, i: number): void => {
      const id = this.ids[i - 1]!;
      const step = steps[b]!;
      out[this.actionName(b, i)] = (s) => step(s, id);
    };
    if (this.order === "by-step") for (const b of bases) for (let i = 1; i <= this.ids.length; i++) one(b, i);
    else for (let i = 1; i <= this.ids.length; i++) for (const b of bases) one(b, i);
    return out;
  }

  /** Fairness of the listed steps: of the parameterised step, or of each actor's. */
  fairness(steps: { readonly [base: string]: "weak" | "strong" }): { [action: string]: "weak" | "strong" } {
    const out: { [action: string]: "weak" | "strong" } = {};
    for (const [b, kind] of Object.entries(steps)) for (let i = 1; i <= this.ids.length; i++) out[this.actionName(b, i)] = kind;
    return out;
  }

  /**
   * The step `action` is, if it is one of this code path's `bases`, and the actor (1-based, 0
   * when none is told) that took it from `before` to `after`: the suffix of a per-actor action,
   * the one actor whose state changed for a parameterised one. null for any other action.
   */
  step<S>(action: string, before: S, after: S, bases: readonly string[]): { readonly base: string; readonly actor: number } | null {
    for (const base of bases) {
      if (this.mode === "per-actor") {
        for (let i = 1; i <= this.ids.length; i++) if (action === this.actionName(base, i)) return { base, actor: i };
      } else if (action === base) {
        const b = this.all(before);
        const a = this.all(after);
        return { base, actor: this.ids.findIndex((id) => b.get(id) !== a.get(id)) + 1 };
      }
    }
    return null;
  }

  /** The kernel-terms text of a step, as src/kernel/step-text.ts writes it for actor i's action name. */
  describe<S>(texts: StepTexts, action: string, before: S, after: S): string {
    const st = this.step(action, before, after, Object.keys(texts));
    if (st === null || st.actor === 0) return stepText(texts, action);
    return stepText(texts, `${st.base}${this.suffixOf(st.actor)}`);
  }

  /**
   * Actor `id`'s fields seen together with the state's own, as one Record: for the kernel helpers
   * that take a Record and field names (allocPop, pageFree, zoneDevicePageInit, applyRef) when
   * the page or thread they work on is an actor whose state is a Record. Reads and writes of a
   * field the actor has go to the actor, the others to the state; `unfocus` gives the state back.
   * V is the caller's flat type (the state's fields and the actor's); it is not checked here.
   */
  focus<S, V>(s: S, id: string): V {
    return this.view(s, id) as V;
  }

  unfocus<S, V>(v: V): S {
    const f = (v as unknown as { [FOCUS]: { s: S; id: string; local: FieldRecord } })[FOCUS];
    return this.with(f.s, f.id, f.local as L);
  }

  private view<S>(s: S, id: string, local = this.of(s, id) as unknown as FieldRecord): object {
    const mine = (k: string | symbol): k is string => typeof k === "string" && local.has(k);
    const target = { s, id, local };
    const set = (k: string, v: unknown): object =>
      mine(k) ? this.view(s, id, local.set(k, v)) : this.view((s as unknown as Rw<S>).set(k, v), id, local);
    const get = (k: string): unknown => (mine(k) ? local.get(k) : (s as unknown as Rw<S>).get(k));
    return new Proxy(target, {
      get: (_t, k) => (k === FOCUS ? target : k === "set" ? set : k === "get" ? get : mine(k) ? local.get(k) : (s as { [k: string | symbol]: unknown })[k]),
    });
  }

  /** Every actor's successors for one step, actor by actor: a parameterised action's. */
  private everyActor<S>(s: S, step: ActorStep<S>): S[] {
    const out: S[] = [];
    for (const id of this.ids) {
      const r = step(s, id);
      if (r === null || r === undefined) continue;
      if (Array.isArray(r)) out.push(...(r as readonly S[]));
      else out.push(r as S);
    }
    return out;
  }
}
