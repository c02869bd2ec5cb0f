// A mutant child process: loads one mirrored spec (the original, instrumented, or a mutant) and
// checks it as `mc check` would, within deterministic budgets (states, successors, iterations of
// one loop), and sends back a small outcome. The pool kills the process on its wall-clock safety
// net, so a mutant that hangs where no budget reaches cannot stall the run.

import { check } from "../explore/check.js";
import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo, initHash } from "../fingerprint/hash.js";
import { loadSpec } from "../model/load-spec.js";
import { describeThrown, McError } from "../result/errors.js";
import type { BuiltSpec, Spec } from "../spec/types.js";
import type { CheckTask, CheckOutcome } from "./protocol.js";

/** Probes hit while init or an action ran (the protocol), and while anything else ran (the oracle). */
const hits = new Set<number>();
const oracleHits = new Set<number>();
let inProtocol = false;
(globalThis as { __mcMutateHit?: (id: number) => void }).__mcMutateHit = (id) => void (inProtocol ? hits : oracleHits).add(id);

/**
 * Which deterministic budget stopped the current task. A mutant's loops count their iterations
 * (operators.ts, withLoopFuel) and call __mcMutateLoop past the limit; the digest's action
 * wrapper counts successors. Both throw to unwind the search, and the flag, not the error the
 * search turns that into, decides the verdict.
 */
let stopped: "loop" | "successors" | undefined;
class BudgetStop extends Error {}
(globalThis as { __mcMutateLoop?: () => never }).__mcMutateLoop = () => {
  stopped = "loop";
  throw new BudgetStop("a loop of the mutant ran past its iteration budget");
};

/** Runs f with the probes counting as protocol; a generator is drained inside, where its body runs. */
function asProtocol<R>(f: () => R): R | unknown[] {
  const was = inProtocol;
  inProtocol = true;
  try {
    const r = f();
    const it = r as { next?: unknown; [Symbol.iterator]?: unknown } | null;
    if (it !== null && typeof it === "object" && typeof it.next === "function" && typeof it[Symbol.iterator] === "function") return Array.from(r as Iterable<unknown>);
    return r;
  } finally {
    inProtocol = was;
  }
}

/** The invariant name under which the digest of the reachable fingerprints is taken. */
const DIGEST = "__mcMutateDigest";

/**
 * The spec with one more invariant that folds every reachable state's fingerprint into an
 * order-independent digest (a sum and an xor of both halves; an invariant is evaluated once on
 * each distinct state), and every action wrapped to fold each (state, successor) edge into that
 * action's own digest (each distinct state is expanded once), self-loops left out: a stuttering
 * step changes no behaviour (fairness and deadlock in mc ignore it too). `edges` folds the
 * actions' digests, each with its fairness kind, order-independently once the search is done:
 * equal digests and distinct counts mean the same states and the same state-changing steps
 * grouped into the same actions, whatever the actions are called and in whichever order the
 * table lists them (the N-actor block's naming and ordering), which is what "equivalent
 * candidate" claims. An action with no state-changing step is left out, as it has no behaviour.
 */
function withDigest(spec: Spec<unknown>, acc: Uint32Array, probe: boolean, maxGenerated: number): { spec: Spec<unknown>; edges: () => void } {
  let generated = 0;
  let perAction: { readonly fair: string; readonly acc: Uint32Array }[] = [];
  const enc = new Encoder();
  const fp = (s: unknown): [number, number] => {
    const n = enc.encode(s);
    fingerprint(enc.buf, n);
    return [fpHi(), fpLo()];
  };
  const fold = (into: Uint32Array, at: number, hi: number, lo: number): void => {
    into[at] = (into[at]! + hi) >>> 0;
    into[at + 1] = (into[at + 1]! + lo) >>> 0;
    into[at + 2] = into[at + 2]! ^ hi;
    into[at + 3] = into[at + 3]! ^ lo;
  };
  const edges = (): void => {
    for (const a of perAction) {
      if (a.acc.every((x) => x === 0)) continue;
      let h = [...a.fair].reduce((x, ch) => Math.imul(x ^ ch.charCodeAt(0), 0x01000193), 0x811c9dc5);
      let l = h ^ 0x9e3779b1;
      for (const x of a.acc) {
        h = Math.imul(h ^ x, 0x85ebca6b) ^ (h >>> 13);
        l = Math.imul(l + x, 0xc2b2ae35) ^ (l >>> 16);
      }
      fold(acc, 4, h >>> 0, l >>> 0);
    }
  };
  const wrapped: Spec<unknown> = {
    ...spec,
    build: (values) => {
      const built: BuiltSpec<unknown> = asProtocol(() => spec.build(values)) as BuiltSpec<unknown>;
      const b = probe ? protocolMarked(built) : built;
      const digest = (s: unknown): boolean => {
        const [hi, lo] = fp(s);
        fold(acc, 0, hi, lo);
        return true;
      };
      const actions: { [name: string]: (s: unknown) => unknown } = {};
      perAction = [];
      for (const [name, act] of Object.entries(b.actions)) {
        const mine = new Uint32Array(4);
        perAction.push({ fair: b.fairness[name] ?? "none", acc: mine });
        actions[name] = (s) => {
          const r = act(s);
          if (r === null || r === undefined || r === false) return r;
          const it = r as { next?: unknown; [Symbol.iterator]?: unknown };
          const all = Array.isArray(r) ? r : typeof it === "object" && typeof it.next === "function" && typeof it[Symbol.iterator] === "function" ? Array.from(r as Iterable<unknown>) : [r];
          generated += all.length;
          if (generated > maxGenerated) {
            stopped = "successors";
            throw new BudgetStop(`the mutant's actions returned more than ${maxGenerated} successors`);
          }
          const [sh, sl] = fp(s);
          for (const t of all) {
            const [th, tl] = fp(t);
            if (th === sh && tl === sl) continue; // a stuttering step: no behaviour of mc's semantics
            fold(mine, 0, Math.imul(sh, 0x9e3779b1) ^ th, Math.imul(sl, 0x85ebca6b) ^ tl);
          }
          return Array.isArray(r) || all.length !== 1 || all[0] !== r ? all : r;
        };
      }
      return { ...b, actions: actions as BuiltSpec<unknown>["actions"], invariants: { ...b.invariants, [DIGEST]: digest } };
    },
  };
  return { spec: wrapped, edges };
}

/** init and every action run with their probes counted as protocol. */
function protocolMarked(b: BuiltSpec<unknown>): BuiltSpec<unknown> {
  const actions: { [name: string]: (s: unknown) => unknown } = {};
  for (const [name, act] of Object.entries(b.actions)) actions[name] = (s) => asProtocol(() => act(s));
  return { ...b, init: () => asProtocol(() => [...b.init()]) as unknown[], actions: actions as BuiltSpec<unknown>["actions"] };
}

async function run(t: CheckTask): Promise<CheckOutcome> {
  const started = performance.now();
  hits.clear();
  oracleHits.clear();
  stopped = undefined;
  const budgetStop = (): CheckOutcome => ({ id: t.id, verdict: "bounded", budget: stopped!, distinct: 0, generated: 0, ms: performance.now() - started });
  try {
    await initHash();
    const acc = new Uint32Array(8);
    inProtocol = true; // the module's top level (tables of eras, constants) is protocol
    let loaded: Spec<unknown>;
    try {
      loaded = await loadSpec(t.file);
    } finally {
      inProtocol = false;
    }
    const { spec, edges } = withDigest(loaded, acc, t.probe, t.maxGenerated);
    const r = await check(spec, { constants: t.constants, deadlock: t.deadlock, ...(Number.isFinite(t.maxStates) ? { maxStates: t.maxStates } : {}), file: t.file, workers: 1 });
    if (stopped !== undefined) return budgetStop();
    edges();
    const v = r.violation;
    return {
      id: t.id,
      verdict: r.verdict === "violation" ? "violation" : r.verdict === "bounded" ? "bounded" : "ok",
      ...(r.verdict === "bounded" ? { budget: "states" } : {}),
      distinct: r.distinctStates,
      generated: r.generatedStates,
      ...(v ? { violation: { kind: v.kind, name: v.name, steps: v.trace.length - 1 } } : {}),
      warnings: r.warnings ?? [],
      digest: Array.from(acc, (x) => x.toString(16)).join(":"),
      ...(t.probe ? { hits: [...hits].sort((a, b) => a - b), oracleHits: [...oracleHits].filter((h) => !hits.has(h)).sort((a, b) => a - b) } : {}),
      ms: performance.now() - started,
      checkMs: r.durationMs,
    };
  } catch (e) {
    if (stopped !== undefined) return budgetStop();
    const code = e instanceof McError ? e.code : "internal";
    const message = (e instanceof McError ? e.message : describeThrown(e)).split("\n")[0]!.slice(0, 300);
    return { id: t.id, verdict: "error", distinct: 0, generated: 0, error: { code, message }, ms: performance.now() - started };
  }
}

process.on("message", (t: CheckTask) => {
  void run(t).then((o) => process.send!(o));
});
// the pool went away (mc ended or was interrupted): nothing is left to answer
process.on("disconnect", () => process.exit(0));
// mc's pipeline is loaded: a task's time limit counts from here, not from the process's start
process.send!("ready");
