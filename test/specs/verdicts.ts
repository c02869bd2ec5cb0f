// Shared expectations for the zone-device spec tests: run one check and compare the verdict,
// the first violated invariant and the BFS trace with the brief's table (§5).

import { expect } from "vitest";
import { check, defineSpec, type ConstDecls, type ConstValue, type Spec, type SpecDef } from "../../src/index.js";

export interface Expected {
  readonly verdict: "ok" | "violation";
  readonly name?: string;
  /** The BFS counterexample's actions (steps = trace length − 1). */
  readonly actions?: readonly string[];
  readonly steps?: number;
}

export async function expectVerdict<S>(spec: Spec<S>, want: Expected, constants: { [k: string]: ConstValue } = {}) {
  const r = await check(spec, { strategy: "bfs", deadlock: true, constants });
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
