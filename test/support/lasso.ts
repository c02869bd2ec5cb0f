// An independent checker of a returned lasso: replays it against the spec's own actions (not the
// checker's graph) and confirms it is a real behaviour, that it violates the property, and that
// every fairness condition holds on it. Used by the liveness tests on every lasso they get.
import { is } from "immutable";
import { compile } from "../../src/model/compile.js";
import { successorsOf } from "../../src/model/successors.js";
import type { CheckResult } from "../../src/result/result.js";
import type { Spec } from "../../src/spec/types.js";

type Consts = { readonly [k: string]: string | number | boolean };

/** Throws, naming what is wrong, unless `r` carries a valid fair lasso violating its property. */
export function assertValidLasso(spec: Spec<unknown>, r: CheckResult, constants: Consts = {}): void {
  const v = r.violation;
  if (!v || v.kind !== "liveness") throw new Error(`expected a liveness violation, got ${v?.kind ?? r.verdict}`);
  const m = compile(spec, constants);
  const states = v.trace.map((t) => t.state);
  const n = states.length;
  const loop = v.loop!;
  if (!(loop >= 0 && loop < n)) throw new Error(`loop ${loop} outside the trace of ${n}`);
  const succ = (action: string, s: unknown): unknown[] => [...successorsOf(m.actions[m.actionNames.indexOf(action)]!(s))];
  const isStep = (s: unknown, action: string, t: unknown): boolean => m.actionNames.includes(action) && succ(action, s).some((x) => is(x, t));
  if (!m.init.some((s) => is(s, states[0]))) throw new Error("trace[0] is not an initial state");
  for (let i = 1; i < n; i++) if (!isStep(states[i - 1], v.trace[i]!.action!, states[i])) throw new Error(`step ${i} is not a ${v.trace[i]!.action} step`);
  if (v.loopAction === null) {
    if (loop !== n - 1) throw new Error("a stuttering close needs loop === n - 1");
  } else if (!isStep(states[n - 1], v.loopAction!, states[loop])) throw new Error(`the close is not a ${v.loopAction} step back to state ${loop}`);

  // the cycle's steps (state-changing ones; a stuttering close has none)
  const cycle = states.slice(loop);
  const steps: [unknown, unknown][] = [];
  for (let i = loop; i < n - 1; i++) steps.push([states[i], states[i + 1]]);
  if (v.loopAction !== null) steps.push([states[n - 1], states[loop]]);
  const real = steps.filter(([s, t]) => !is(s, t));

  // fairness: per fair action, on the cycle
  m.fairness.forEach((kind, a) => {
    if (kind === null) return;
    const name = m.actionNames[a]!;
    const enabled = (s: unknown): boolean => succ(name, s).some((t) => !is(t, s));
    const every = cycle.every(enabled);
    const some = cycle.some(enabled);
    const taken = real.some(([s, t]) => succ(name, s).some((x) => is(x, t)));
    if (kind === "weak" && every && !taken) throw new Error(`weak fairness of ${name} is violated on the cycle`);
    if (kind === "strong" && some && !taken) throw new Error(`strong fairness of ${name} is violated on the cycle`);
  });

  // the property is false on this behaviour
  const prop = m.properties[m.propertyNames.indexOf(v.name!)]!;
  const p = (s: unknown): boolean => prop.p(s) === true;
  const violated =
    prop.kind === "eventually" ? states.every((s) => !p(s))
    : prop.kind === "infinitelyOften" ? cycle.every((s) => !p(s))
    : prop.kind === "eventuallyAlways" ? cycle.some((s) => !p(s))
    : states.some((s, i) => p(s) && states.slice(Math.min(i, loop)).every((x) => !prop.q(x)));
  if (!violated) throw new Error(`the lasso does not violate ${v.name}`);
}
