// A mutant worker: loads one mirrored spec (the original, instrumented, or a mutant) and checks it
// as `mc check` would, within a state budget, and posts back a small outcome. The pool kills the
// thread on its time budget, so a mutant that loops inside an action cannot stall the run.

import { parentPort } from "node:worker_threads";
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
 * each distinct state), and every action wrapped to fold each (state, action, successor) edge
 * the same way (each distinct state is expanded once), self-loops left out: a stuttering step
 * changes no behaviour (fairness and deadlock in mc ignore it too). Equal digests and distinct
 * counts: the same states and the same state-changing steps, what "equivalent candidate" claims.
 */
function withDigest(spec: Spec<unknown>, acc: Uint32Array, probe: boolean): Spec<unknown> {
  const enc = new Encoder();
  const fp = (s: unknown): [number, number] => {
    const n = enc.encode(s);
    fingerprint(enc.buf, n);
    return [fpHi(), fpLo()];
  };
  const fold = (at: number, hi: number, lo: number): void => {
    acc[at] = (acc[at]! + hi) >>> 0;
    acc[at + 1] = (acc[at + 1]! + lo) >>> 0;
    acc[at + 2] = acc[at + 2]! ^ hi;
    acc[at + 3] = acc[at + 3]! ^ lo;
  };
  return {
    ...spec,
    build: (values) => {
      const built: BuiltSpec<unknown> = asProtocol(() => spec.build(values)) as BuiltSpec<unknown>;
      const b = probe ? protocolMarked(built) : built;
      const digest = (s: unknown): boolean => {
        const [hi, lo] = fp(s);
        fold(0, hi, lo);
        return true;
      };
      const actions: { [name: string]: (s: unknown) => unknown } = {};
      for (const [name, act] of Object.entries(b.actions)) {
        const tag = [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5);
        actions[name] = (s) => {
          const r = act(s);
          if (r === null || r === undefined || r === false) return r;
          const it = r as { next?: unknown; [Symbol.iterator]?: unknown };
          const all = Array.isArray(r) ? r : typeof it === "object" && typeof it.next === "function" && typeof it[Symbol.iterator] === "function" ? Array.from(r as Iterable<unknown>) : [r];
          const [sh, sl] = fp(s);
          for (const t of all) {
            const [th, tl] = fp(t);
            if (th === sh && tl === sl) continue; // a stuttering step: no behaviour of mc's semantics
            fold(4, Math.imul(sh ^ tag, 0x9e3779b1) ^ th, Math.imul(sl, 0x85ebca6b) ^ tl ^ tag);
          }
          return Array.isArray(r) || all.length !== 1 || all[0] !== r ? all : r;
        };
      }
      return { ...b, actions: actions as BuiltSpec<unknown>["actions"], invariants: { ...b.invariants, [DIGEST]: digest } };
    },
  };
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
    const spec = withDigest(loaded, acc, t.probe);
    const r = await check(spec, { constants: t.constants, deadlock: t.deadlock, ...(Number.isFinite(t.maxStates) ? { maxStates: t.maxStates } : {}), file: t.file, workers: 1 });
    const v = r.violation;
    return {
      id: t.id,
      verdict: r.verdict === "violation" ? "violation" : r.verdict === "bounded" ? "bounded" : "ok",
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
    const code = e instanceof McError ? e.code : "internal";
    const message = (e instanceof McError ? e.message : describeThrown(e)).split("\n")[0]!.slice(0, 300);
    return { id: t.id, verdict: "error", distinct: 0, generated: 0, error: { code, message }, ms: performance.now() - started };
  }
}

parentPort!.on("message", (t: CheckTask) => {
  void run(t).then((o) => parentPort!.postMessage(o));
});
// mc's pipeline is loaded: a task's time limit counts from here, not from the thread's start
parentPort!.postMessage("ready");
