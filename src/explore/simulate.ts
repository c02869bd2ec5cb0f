// simulate(): random walks through a spec whose state space is too big to explore. Each run
// starts from a random initial state and takes random successors (uniform over every successor
// of every action) up to a depth; invariants on every visited state, action properties on every
// step that changes the state, deadlock when a state has no successor. A seed fixes every walk.

import { hash, is } from "immutable";
import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo, initHash } from "../fingerprint/hash.js";
import { compile, symmetrySizes, type Model } from "../model/compile.js";
import { selectChecks } from "../model/select.js";
import { showState } from "../model/show-state.js";
import { McError, describeThrown } from "../result/errors.js";
import type { CheckListener, CheckResult, TraceStep, Violation } from "../result/result.js";
import type { Spec } from "../spec/types.js";
import type { ConstOverrides } from "../model/constants.js";
import { annotate } from "./annotate.js";
import { Xoshiro128 } from "./prng.js";
import { encodeInit, encodeSuccessor, firstBroken, firstOutside, isTerminal, successorsAt } from "./spec-calls.js";
import { SeenSet } from "./seen-set.js";
import { verifySymmetry } from "../symmetry/verify.js";

export interface SimulateOptions {
  readonly seed: number;
  /** Steps per run at most (a run also ends at a deadlock when deadlock is not checked). */
  readonly depth: number;
  /** Runs to make; ignored when timeMs is given. */
  readonly runs: number;
  /** Keep starting runs until this many milliseconds have passed. */
  readonly timeMs?: number;
  readonly deadlock: boolean;
  readonly constants?: ConstOverrides;
  readonly file?: string;
  readonly progressIntervalMs?: number;
  /** Check only these invariants / temporal-or-action properties (mc simulate --invariant/--property). */
  readonly invariants?: readonly string[];
  readonly properties?: readonly string[];
  /** Count one state per orbit of the spec's declared symmetry (default true; --no-symmetry: false). The walks are real either way. */
  readonly symmetry?: boolean;
}

/** What the simulation did, beside the checker's usual counts. */
export interface SimulationInfo {
  readonly seed: number;
  readonly runs: number;
  readonly steps: number;
  readonly depth: number;
  /** With state constraints: walks that stopped at a state outside them. */
  readonly cut?: number;
  /** With terminal predicates: walks that ended in a terminal state. */
  readonly terminal?: number;
}

export type SimulationResult = CheckResult & { readonly simulation: SimulationInfo };

export async function simulate<S>(spec: Spec<S>, o: SimulateOptions, listener: CheckListener = {}): Promise<SimulationResult> {
  await initHash();
  const select = o.invariants?.length || o.properties?.length ? { invariants: o.invariants ?? [], properties: o.properties ?? [] } : null;
  const model = selectChecks(compile(spec as Spec<unknown>, o.constants ?? {}, o.file, { symmetry: o.symmetry ?? true }), select);
  // the distinct count is of orbits under symmetry: a spec that breaks its declared symmetry must not get one
  verifySymmetry(model);
  // simulation checks no temporal property: naming one must not look as if it had been checked
  const unchecked = model.propertyNames.filter((n) => select?.properties.includes(n));
  listener.onStart?.({ spec: model.name, strategy: "simulate", workers: 1, constants: model.constants });
  const started = performance.now();
  const enc = new Encoder();
  const seen = new SeenSet(1 << 16);
  let generated = 0;
  let steps = 0;
  let longest = 0;
  let runs = 0;
  /** Walks that ended in a state outside a constraint (checked, not expanded), or in a terminal state. */
  let cut = 0;
  let ended = 0;
  let nextReport = started + (o.progressIntervalMs ?? 3000);
  const visit = (len: number): void => {
    generated++;
    fingerprint(enc.buf.subarray(0, len));
    seen.add(fpHi(), fpLo());
  };
  let violation: Violation | undefined;
  const more = (): boolean => (o.timeMs !== undefined ? performance.now() - started < o.timeMs : runs < o.runs);

  while (violation === undefined && more()) {
    const rng = new Xoshiro128(o.seed, runs++);
    const k = rng.below(model.init.length);
    let s = model.init[k];
    visit(encodeInit(enc, model, k));
    const trace: TraceStep[] = [{ action: null, state: s }];
    let bad = firstBroken(model, s);
    if (bad >= 0) violation = found(model, trace, "invariant", model.invariantNames[bad]!);
    for (let d = 0; violation === undefined && d < o.depth; d++) {
      // a walk goes no further than a state constraint, as the search does
      if (model.constraints.length > 0 && firstOutside(model, s) >= 0) {
        cut++;
        break;
      }
      const succ = successors(model, s);
      if (succ.length === 0) {
        if (isTerminal(model, s)) ended++;
        else if (o.deadlock) violation = found(model, trace, "deadlock", null);
        break;
      }
      const pick = succ[rng.below(succ.length)]!;
      const t = pick.state;
      visit(encodeSuccessor(enc, model, pick.action, s, pick.all, pick.k));
      steps++;
      trace.push({ action: model.actionNames[pick.action]!, state: t });
      const prop = is(s, t) ? -1 : brokenActionProperty(model, s, t, pick.action);
      bad = firstBroken(model, t);
      if (bad >= 0) violation = found(model, trace, "invariant", model.invariantNames[bad]!);
      else if (prop >= 0) violation = found(model, trace, "action", model.actionPropertyNames[prop]!);
      s = t;
    }
    if (trace.length > longest) longest = trace.length;
    if (listener.onProgress && performance.now() >= nextReport) {
      nextReport = performance.now() + (o.progressIntervalMs ?? 3000);
      listener.onProgress({ distinct: seen.size, generated, frontier: 0, depth: longest, elapsedMs: performance.now() - started, storeBytes: seen.bytes });
    }
  }
  const durationMs = performance.now() - started;
  const simulation = { seed: o.seed, runs, steps, depth: o.depth, ...(model.constraints.length ? { cut } : {}), ...(model.terminals.length ? { terminal: ended } : {}) };
  return {
    spec: model.name,
    file: o.file,
    // A simulation is never complete: without a violation the verdict is "bounded", never "ok".
    verdict: violation ? "violation" : "bounded",
    distinctStates: seen.size,
    generatedStates: generated,
    depth: violation ? violation.trace.length : longest,
    ...(violation ? { violation } : { bound: `simulation: ${runs} random run${runs === 1 ? "" : "s"} of at most ${o.depth} steps, seed ${o.seed}${cut ? `, ${cut} stopped at a state constraint` : ""}` }),
    invariants: model.invariantNames,
    ...(select ? { selected: true } : {}),
    ...(model.actionPropertyNames.length ? { properties: model.actionPropertyNames } : {}),
    ...(unchecked.length ? { warnings: [`temporal ${unchecked.length === 1 ? "property" : "properties"} ${unchecked.join(", ")} ${unchecked.length === 1 ? "is" : "are"} not checked by simulation (random walks have no end to decide it on); run mc check for ${unchecked.length === 1 ? "it" : "them"}.`] } : {}),
    strategy: "simulate",
    workers: 1,
    constants: model.constants,
    durationMs,
    collisionProbability: 0,
    ...(model.symmetry ? { symmetry: symmetrySizes(model)! } : {}),
    storeBytes: seen.bytes,
    simulation,
  };
}

interface Pick {
  readonly action: number;
  readonly k: number;
  readonly state: unknown;
  readonly all: readonly unknown[];
}

/** Every successor of every action, in the spec's order (so a seed picks the same one each time). */
function successors(model: Model, s: unknown): Pick[] {
  const out: Pick[] = [];
  for (let a = 0; a < model.actions.length; a++) {
    const succ = successorsAt(model, a, s);
    const all = succ.length === 1 ? [succ[0]] : succ; // successorsAt reuses its one-element array
    for (let k = 0; k < all.length; k++) out.push({ action: a, k, state: all[k], all });
  }
  return out;
}

/** The first action property the step breaks, or -1; a throw or a non-boolean is a spec error. */
function brokenActionProperty(model: Model, s: unknown, t: unknown, a: number): number {
  const props = model.actionProperties;
  const action = model.actionNames[a]!;
  for (let i = 0; i < props.length; i++) {
    const name = model.actionPropertyNames[i];
    let r: unknown;
    try {
      r = props[i]!(s, t, action);
    } catch (e) {
      throw new McError("MC050", `${model.file}: action property '${name}' threw ${describeThrown(e)} on step ${action} from ${showState(s)} to ${showState(t)}.`);
    }
    if (r === false) return i;
    if (r !== true) {
      throw new McError("MC050", `${model.file}: action property '${name}' returned ${showState(r, 60)} (${typeof r}), not a boolean, on step ${action} from ${showState(s)}. An action property must return true or false.`);
    }
  }
  return -1;
}

function found(model: Model, trace: TraceStep[], kind: Violation["kind"], name: string | null): Violation {
  const { trace: labelled, counters } = annotate(withoutLoops(trace), model.view);
  return { kind, name, trace: labelled, ...(counters ? { counters } : {}) };
}

/**
 * A random walk often comes back to a state it has been in; cutting each such loop keeps a trace
 * of real steps that ends in the same state by the same last step, only shorter. The last step is
 * never cut: an action property may break on a step back to an earlier state.
 */
export function withoutLoops(trace: readonly TraceStep[]): TraceStep[] {
  const out: TraceStep[] = [];
  const at = new Map<number, number[]>(); // Immutable hash → indices in out
  for (const step of trace.slice(0, -1)) {
    const h = hash(step.state);
    const i = at.get(h)?.find((j) => j < out.length && is(out[j]!.state, step.state));
    if (i !== undefined) {
      // back in out[i]'s state: drop the loop, keep the step that reached it first
      out.length = i + 1;
      continue;
    }
    out.push(step);
    at.set(h, [...(at.get(h) ?? []).filter((j) => j < out.length - 1), out.length - 1]);
  }
  if (trace.length > 0) out.push(trace.at(-1)!);
  return out;
}
