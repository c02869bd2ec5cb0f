// Shared expectations for the zone-device spec tests: run one check and compare the verdict,
// the first violated invariant and the BFS trace with the brief's table (§5).

import { expect } from "vitest";
import { check, defineSpec, type ConstDecls, type ConstValue, type ConstValues, type Fairness, type Property, type Spec, type SpecDef } from "../../src/index.js";

export interface Expected {
  readonly verdict: "ok" | "violation";
  readonly name?: string;
  /** The BFS counterexample's actions (steps = trace length − 1). */
  readonly actions?: readonly string[];
  readonly steps?: number;
}

/** The brief's tables are about invariants: check those only (temporal properties have their own tests). */
export async function expectVerdict<S>(spec: Spec<S>, want: Expected, constants: { [k: string]: ConstValue } = {}) {
  const values = Object.fromEntries(Object.entries(spec.constants).map(([k, d]) => [k, constants[k] ?? d.default]));
  const invariants = Object.keys(spec.build(values).invariants);
  const r = await check(spec, { strategy: "bfs", deadlock: true, constants, invariants });
  expect(r.verdict).toBe(want.verdict);
  if (want.verdict === "ok") {
    expect(r.violation).toBeUndefined();
    return r;
  }
  expect(r.violation?.kind).toBe("invariant");
  expect(r.violation?.name).toBe(want.name);
  const actions = r.violation!.trace.slice(1).map((t) => t.action);
  if (want.actions) expect(actions).toEqual(want.actions);
  if (want.steps !== undefined) expect(actions.length).toBe(want.steps);
  return r;
}

/** The same spec checking only `keep` of its invariants: how the brief's "others" column is measured. */
export function onlyInvariants<S, D extends ConstDecls>(def: SpecDef<S, D>, keep: readonly string[]): Spec<S> {
  const inv = def.invariants;
  return defineSpec<S, D>({
    ...def,
    name: `${def.name}[${keep.join(",")}]`,
    invariants: (c) => {
      const all = typeof inv === "function" ? inv(c) : (inv ?? {});
      return Object.fromEntries(keep.map((k) => [k, all[k]!]));
    },
  });
}

/** `def` checking only its invariant `name` (as onlyInvariants) breaks it by exactly `actions`. */
export function expectOnlyBroken<S, D extends ConstDecls>(def: SpecDef<S, D>, name: string, actions: readonly string[], constants: { [k: string]: ConstValue } = {}) {
  return expectVerdict(onlyInvariants(def, [name]), { verdict: "violation", name, actions }, constants);
}

/**
 * The same spec with no invariants and only the temporal property `name` (as `--property NAME`),
 * optionally with other fairness, or with `property` standing in for one the spec does not have.
 */
export function onlyProperty<S>(spec: Spec<S>, name: string, fairness?: Fairness, property?: Property<S>): Spec<S> {
  const built = (c: ConstValues<ConstDecls>) => spec.build(c as { [k: string]: ConstValue });
  return defineSpec<S, ConstDecls>({
    name: `${spec.name}[${name}]`,
    constants: spec.constants,
    init: (c) => built(c).init(),
    actions: (c) => built(c).actions,
    view: (c) => built(c).view,
    fairness: (c) => fairness ?? built(c).fairness,
    properties: (c) => {
      if (property) return { [name]: property };
      const all = built(c).properties;
      if (!(name in all)) throw new Error(`${spec.name} has no property ${name}`);
      return { [name]: all[name]! };
    },
  });
}

export interface Lasso {
  /** The actions of the trace's steps (the prefix and the cycle up to the loop's last state). */
  readonly actions: readonly (string | null)[];
  readonly states: readonly unknown[];
  /** Index of the state the behaviour returns to; the cycle is states[loop..]. */
  readonly loop: number;
  readonly loopAction: string | null;
}

/** Check one temporal property (deadlocks allowed: a halted state stutters forever). */
export async function expectProperty<S>(spec: Spec<S>, want: "ok" | "violation", constants: { [k: string]: ConstValue } = {}): Promise<Lasso | null> {
  const r = await check(spec, { strategy: "bfs", deadlock: false, constants });
  expect(r.verdict).toBe(want);
  if (want === "ok") {
    expect(r.violation).toBeUndefined();
    return null;
  }
  const v = r.violation!;
  expect(v.kind).toBe("liveness");
  expect(typeof v.loop).toBe("number");
  expect(v.loop!).toBeGreaterThanOrEqual(0);
  expect(v.loop!).toBeLessThan(v.trace.length);
  return { actions: v.trace.slice(1).map((t) => t.action), states: v.trace.map((t) => t.state), loop: v.loop!, loopAction: v.loopAction ?? null };
}
