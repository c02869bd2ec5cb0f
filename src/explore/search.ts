// The search loop shared by BFS and DFS (they differ only in the frontier): expand a state, encode
// and fingerprint each successor, keep the new ones, check invariants on them and action
// properties on every state-changing step, detect deadlock; with temporal properties, also record
// the state graph (liveness/graph.ts). It stops at the first violation and returns the ids it
// needs for a trace, never prints.

import { Decoder } from "../fingerprint/decode.js";
import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../fingerprint/hash.js";
import type { Model } from "../model/compile.js";
import { McError } from "../result/errors.js";
import type { CheckListener } from "../result/result.js";
import { Queue, Stack, type Frontier } from "./frontier.js";
import type { ResolvedOptions } from "./options.js";
import { SeenSet } from "./seen-set.js";
import { StateStore } from "./state-store.js";
import { MemoryBudget, isAllocationFailure, outOfMemory } from "./memory.js";
import { brokenStep, stutters } from "./action-properties.js";
import { StateGraph } from "./liveness/graph.js";
import { evalPredicate, layoutOf } from "./liveness/layout.js";
import { Interruption } from "./interruption.js";
import { encodeInit, firstBroken, firstOutside, isTerminal } from "./spec-calls.js";
import { SuccessorBatch } from "./successor-batch.js";
import { GrowthWatch, growthWarning } from "./growth.js";

export type Stop =
  | { readonly kind: "invariant"; readonly invariant: number; readonly id: number; readonly hi: number; readonly lo: number }
  | { readonly kind: "deadlock"; readonly id: number; readonly hi: number; readonly lo: number }
  /** A step from state `id` (fingerprint hi, lo) by `action`, its successor `succ`, breaks action property `property`. */
  | { readonly kind: "action"; readonly property: number; readonly id: number; readonly hi: number; readonly lo: number; readonly action: number; readonly succ: number }
  | { readonly kind: "bounded"; readonly reason: string }
  | { readonly kind: "interrupted" };

/** Per action index, counted in one-worker order: states it was enabled in, successors it gave. */
export interface ActionStats {
  readonly enabled: Float64Array;
  readonly generated: Float64Array;
}

export interface SearchOutcome {
  readonly distinct: number;
  readonly generated: number;
  readonly actionStats: ActionStats;
  readonly depth: number;
  readonly stop: Stop | null;
  readonly store: StateStore;
  readonly storeBytes: number;
  /** The state graph, when temporal properties are checked (a BFS that ran to the end). */
  readonly graph?: StateGraph;
  /** Per state constraint: the states outside it (checked, not expanded). */
  readonly cut: Float64Array;
  /** States with no successor that the spec declares terminal (not deadlocks). */
  readonly terminal: number;
  /** Warnings given while searching (growth.ts), also sent to the listener. */
  readonly warnings: readonly string[];
}

export async function search(model: Model, opts: ResolvedOptions, listener: CheckListener = {}): Promise<SearchOutcome> {
  const enc = new Encoder();
  const dec = new Decoder();
  // Temporal properties need the state graph: every edge, including those into seen states.
  const layout = model.properties.length > 0 ? layoutOf(model) : null;
  if (layout && opts.strategy !== "bfs") {
    throw new McError("MC019", `${model.file}: temporal properties (${model.propertyNames.join(", ")}) are checked on the state graph a breadth-first search builds; run them with --strategy bfs (the default), or leave them out with --invariant/--property.`);
  }
  const graph = layout ? new StateGraph(layout.nbits) : null;
  const batch = new SuccessorBatch(model);
  const seen = new SeenSet(opts.seenCapacity, graph !== null);
  const steps = graph !== null || model.actionProperties.length > 0;
  let sBytes = new Uint8Array(256);
  const store = new StateStore();
  const frontier: Frontier = opts.strategy === "bfs" ? new Queue() : new Stack();
  const { actions, invariants } = model;
  const started = Date.now();
  const budget = new MemoryBudget(model.file, opts.memoryMiB);
  let generated = 0;
  // Two adds per enabled action and state: cheap next to calling the action, so always on.
  const stats: ActionStats = { enabled: new Float64Array(actions.length), generated: new Float64Array(actions.length) };
  let depth = 0;
  const cut = new Float64Array(model.constraints.length);
  let terminal = 0;
  const warnings: string[] = [];
  const growth = new GrowthWatch();
  let levelDepth = 0;
  let peakFrontier = 0;
  let truncated = false;
  let nextReport = started + opts.progressIntervalMs;
  const interrupt = new Interruption(opts.signal);
  const memory = (): number => seen.bytes + store.bytes + Math.max(peakFrontier, frontier.bytes) + (graph ? graph.bytes : 0);
  const done = (stop: Stop | null): SearchOutcome => ({
    distinct: store.size,
    generated,
    actionStats: stats,
    depth,
    stop,
    store,
    storeBytes: memory(),
    cut,
    terminal,
    warnings,
    ...(graph && stop === null ? { graph: (graph.finish(), graph) } : {}),
  });

  /** Records the state with fingerprint (hi, lo) and bytes src[from .. from+len); its new id, or -1 if seen. */
  const admit = (hi: number, lo: number, src: Uint8Array, from: number, len: number, parent: number, action: number, k: number, d: number): number => {
    if (!seen.add(hi, lo, store.size)) return -1;
    const id = store.add(parent, action, k);
    if (d > depth) depth = d;
    frontier.push(id, d, src, from, len);
    return id;
  };

  if (interrupt.aborted) return done({ kind: "interrupted" });
  for (let k = 0; k < model.init.length; k++) {
    const s = model.init[k];
    generated++;
    const len = encodeInit(enc, model, k);
    fingerprint(enc.buf, len);
    const id = admit(fpHi(), fpLo(), enc.buf, 0, len, -1, 0, k, 1);
    if (id < 0) continue;
    if (graph) graph.initCount = id + 1;
    const bad = firstBroken(model, s);
    if (bad >= 0) return done({ kind: "invariant", invariant: bad, id, hi: fpHi(), lo: fpLo() });
    if (store.size >= opts.maxStates) return done({ kind: "bounded", reason: `--max-states ${opts.maxStates} reached` });
  }

  let expanded = 0;
  while (frontier.pop()) {
    if (frontier.bytes > peakFrontier) peakFrontier = frontier.bytes;
    const id = frontier.id;
    const d = frontier.depth;
    const s = dec.decode(frontier.buf, frontier.off);
    // BFS: the first state of a level, with the rest of the level still queued behind it
    const due = opts.strategy === "bfs" ? d !== levelDepth && ((levelDepth = d), growth.level(d, frontier.size + 1)) : growth.deeper(d);
    if (due) {
      const w = growthWarning(model, store, id, d, opts.strategy === "bfs");
      if (w !== null) {
        growth.done = true;
        warnings.push(w);
        listener.onWarning?.(w);
      }
    }
    if (graph) {
      graph.begin(id);
      for (const pred of layout!.predicates) if (evalPredicate(model, pred, s)) graph.flag(pred.bit);
    }
    if (d >= opts.maxDepth) {
      truncated = true;
      continue;
    }
    const outside = model.constraints.length > 0 ? firstOutside(model, s) : -1;
    if (outside >= 0) {
      cut[outside]!++;
      if (graph) graph.flag(layout!.cut);
      continue;
    }
    let enabled = 0;
    // The state's own bytes, to tell a stuttering step (a self-loop) from a real one; copied,
    // because a DFS stack reuses them for the first successor it pushes.
    const slen = frontier.len;
    if (steps) {
      if (sBytes.length < slen) sBytes = new Uint8Array(slen * 2);
      sBytes.set(frontier.buf.subarray(frontier.off, frontier.off + slen));
    }
    batch.collect(s, seen);
    const { bytes, off, len, hi, lo, action, k: ord, state: succ, counts } = batch;
    for (let j = 0; j < batch.n; j++) {
      const a = action[j]!;
      const k = ord[j]!;
      const n = counts[a]!;
      if (k === 0) {
        stats.enabled[a]!++;
        stats.generated[a]! += n;
      }
      const t = succ[j];
      generated++;
      enabled++;
      let nid: number;
      try {
        nid = admit(hi[j]!, lo[j]!, bytes, off[j]!, len[j]!, id, a, k, d + 1);
      } catch (e) {
        if (isAllocationFailure(e)) throw outOfMemory(model.file, { distinct: store.size, generated, depth }, `allocating more room failed (${(e as Error).message})`);
        throw e;
      }
      if (steps && !stutters(model, s, t, bytes, off[j]!, len[j]!, sBytes, 0, slen)) {
        if (graph) {
          graph.edge(nid >= 0 ? nid : seen.id, a, k);
          const b = layout!.enabled[a]!;
          if (b >= 0) graph.flag(b);
        }
        const broken = model.actionProperties.length > 0 ? brokenStep(model, s, t, a) : -1;
        if (broken >= 0) {
          stats.generated[a]! -= n - 1 - k; // as for the stops below
          fingerprint(sBytes.subarray(0, slen));
          return done({ kind: "action", property: broken, id, hi: fpHi(), lo: fpLo(), action: a, succ: k });
        }
      }
      if (nid < 0) continue;
      const bad = firstBroken(model, t);
      // a stop leaves this action's later successors unexamined: uncount them
      if (bad >= 0) {
        stats.generated[a]! -= n - 1 - k;
        return done({ kind: "invariant", invariant: bad, id: nid, hi: hi[j]!, lo: lo[j]! });
      }
      if (store.size >= opts.maxStates) {
        stats.generated[a]! -= n - 1 - k;
        return done({ kind: "bounded", reason: `--max-states ${opts.maxStates} reached` });
      }
    }
    // an action threw, or gave a value that is not a state, after the successors above
    if (batch.error !== null) throw batch.error;
    batch.release();
    if (enabled === 0 && isTerminal(model, s)) terminal++;
    else if (enabled === 0 && opts.deadlock) {
      enc.encode(s);
      fingerprint(enc.buf, enc.pos);
      return done({ kind: "deadlock", id, hi: fpHi(), lo: fpLo() });
    }
    if ((++expanded & 1023) === 0) {
      budget.check({ distinct: store.size, generated, depth });
      if (interrupt.due() && (await interrupt.stopped())) return done({ kind: "interrupted" });
      if (listener.onProgress && Date.now() >= nextReport) {
        nextReport = Date.now() + opts.progressIntervalMs;
        listener.onProgress({ distinct: store.size, generated, frontier: frontier.size, depth, elapsedMs: Date.now() - started, storeBytes: memory() });
      }
    }
  }
  return done(truncated ? { kind: "bounded", reason: `--max-depth ${opts.maxDepth} reached` } : null);
}
