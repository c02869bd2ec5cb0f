// Which bit of a state's flags in the state graph means what: each temporal property's p (and q
// for leadsTo), then one bit per fair action, "enabled here" (it has a successor other than the
// state itself). The recorder sets them during the search; the analysis reads them after.

import type { Model } from "../../model/compile.js";
import { showState } from "../../model/show-state.js";
import { McError, describeThrown } from "../../result/errors.js";
import type { StatePredicate } from "../../spec/properties.js";

export interface BitLayout {
  readonly nbits: number;
  /** Per property: the bit of p and of q (-1 when the shape has no q). */
  readonly p: readonly number[];
  readonly q: readonly number[];
  /** Per action index: its "enabled" bit, or -1 when the action has no fairness. */
  readonly enabled: readonly number[];
  /** Set on a state outside the spec's constraints (not expanded: it must not stutter forever); -1 without constraints. */
  readonly cut: number;
  /** Every predicate with its bit, in evaluation order. */
  readonly predicates: readonly { readonly bit: number; readonly fn: StatePredicate<unknown>; readonly property: number; readonly side: "p" | "q" }[];
}

export function layoutOf(model: Model): BitLayout {
  let n = 0;
  const p: number[] = [];
  const q: number[] = [];
  const predicates: { bit: number; fn: StatePredicate<unknown>; property: number; side: "p" | "q" }[] = [];
  model.properties.forEach((prop, i) => {
    p.push(n);
    predicates.push({ bit: n++, fn: prop.p, property: i, side: "p" });
    if (prop.kind === "leadsTo") {
      q.push(n);
      predicates.push({ bit: n++, fn: prop.q, property: i, side: "q" });
    } else q.push(-1);
  });
  const enabled = model.fairness.map((f) => (f === null ? -1 : n++));
  const cut = model.constraints.length > 0 ? n++ : -1;
  return { nbits: n, p, q, enabled, cut, predicates };
}

/** The value of a temporal property's predicate in `s`; a throw or a non-boolean is a spec error. */
export function evalPredicate(model: Model, pred: BitLayout["predicates"][number], s: unknown): boolean {
  let r: unknown;
  const name = model.propertyNames[pred.property];
  const side = model.properties[pred.property]!.kind === "leadsTo" ? ` (its ${pred.side === "p" ? "left" : "right"} side)` : "";
  try {
    r = pred.fn(s);
  } catch (e) {
    throw new McError("MC015", `${model.file}: the state predicate of property '${name}'${side} threw ${describeThrown(e)} in state ${showState(s)}.`);
  }
  if (r === true || r === false) return r;
  throw new McError(
    "MC016",
    `${model.file}: the state predicate of property '${name}'${side} returned ${showState(r, 60)} (${typeof r}), not a boolean, in state ${showState(s)}. A predicate must return true or false.`,
  );
}
