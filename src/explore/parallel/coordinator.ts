// Parallel BFS: worker threads expand each level together over one shared seen-set; after each
// level the coordinator numbers the new states exactly as one worker would have (by least
// parent position, then successor ordinal) and replays the one-worker stopping rule over that
// order, so verdict, counts, depth and trace are the same for every number of workers. The
// workers start on the next level meanwhile, each position as soon as it is numbered.

import { Encoder } from "../../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../../fingerprint/hash.js";
import type { Model } from "../../model/compile.js";
import { McError, rethrown } from "../../result/errors.js";
import type { CheckListener } from "../../result/result.js";
import type { ResolvedOptions } from "../options.js";
import type { ActionStats, SearchOutcome, Stop } from "../search.js";
import { encodeInit, firstBroken } from "../spec-calls.js";
import { StateStore } from "../state-store.js";
import { MemoryBudget, isAllocationFailure, outOfMemory } from "../memory.js";
import { ChunkWriter } from "./buffers.js";
import { Expander } from "./expander.js";
import { numberLevel } from "./number-level.js";
import { C_CAND, C_CURSOR, C_GEN, C_PAUSE, C_READY, C_SIZE, CTRL_WORDS, STEP_WORDS, type LevelMsg, type ReachFail, type TableRef } from "./protocol.js";
import { REACH, ReachCheck, reachSample } from "../symmetry-reach.js";
import { reachShare, startReach } from "./reach-share.js";
import { collectGarbage } from "./collect-garbage.js";
import { SharedSeenSet } from "./shared-seen-set.js";
import { WorkerPool } from "./worker-pool.js";
import { LevelGraph } from "./graph-level.js";
import { layoutOf } from "../liveness/layout.js";
import { Interruption } from "../interruption.js";
import { GrowthWatch, growthWarning } from "../growth.js";
import { serialScavenge } from "./serial-scavenge.js";

/**
 * A level ready to send: everything but the seen-set, added as it is sent (if the seen-set grows
 * during the level, nothing kept here may hold the old table).
 */
type Level = Omit<LevelMsg, "table">;

/** Level buffers let go, in bytes, that make every thread run a full collection before the next level. */
const GC_BYTES = 32 << 20;

/**
 * The search; with symmetry, then the check of the states it reached (symmetry-reach.ts), split
 * between the same threads. `before`: the representatives the check before the search did.
 */
export async function parallelSearch(model: Model, opts: ResolvedOptions, listener: CheckListener, before: ReadonlySet<string> = new Set()): Promise<SearchOutcome> {
  if (opts.file === undefined) {
    throw new McError("MC023", `--workers ${opts.workers}: parallel workers load the spec themselves and need its file (pass options.file to check()).`);
  }
  const ctrlSab = new SharedArrayBuffer(CTRL_WORDS * 4);
  const ctrl = new Int32Array(ctrlSab);
  let table = new SharedSeenSet(SharedSeenSet.allocate(opts.seenCapacity, 0), ctrl);
  /** The first candidate of the level in progress (the parents array's index 0). */
  let levelBase = 0;
  /** Bytes of level buffers let go since every thread last ran a full collection. */
  let dropped = 0;
  const store = new StateStore(true);
  const chunks = new Map<number, SharedArrayBuffer>();
  // Participants: this thread (index 0) and opts.workers - 1 worker threads; one more writer
  // index for the initial states. This thread explores from the start; a worker joins at the
  // first level after it has loaded the spec.
  const threads = opts.workers + 1;
  const main = new Expander(model, ctrl, 0, threads);
  const interrupt = new Interruption(opts.signal);
  const pool = new WorkerPool(opts.file, model, ctrlSab, threads, opts.select, interrupt);
  const started = Date.now();
  let generated = 0;
  const stats: ActionStats = { enabled: new Float64Array(model.actions.length), generated: new Float64Array(model.actions.length) };
  let depth = 0;
  const cut = new Float64Array(model.constraints.length);
  const terminal = { n: 0 };
  const warnings: string[] = [];
  const growth = new GrowthWatch();
  let lastReport = started;
  let levelSize = 0;
  const report = (): void => {
    if (!listener.onProgress || Date.now() - lastReport < opts.progressIntervalMs) return;
    lastReport = Date.now();
    // frontier: what is left of the level in progress (the next level is not numbered yet)
    const frontier = Math.max(0, levelSize - Atomics.load(ctrl, C_CURSOR));
    // generated: the levels numbered, plus what the participants have reported of this one
    listener.onProgress({ distinct: Atomics.load(ctrl, C_CAND), generated: generated + Atomics.load(ctrl, C_GEN), frontier, depth, elapsedMs: lastReport - started, storeBytes: table.bytes + store.bytes });
  };
  const budget = new MemoryBudget(model.file, opts.memoryMiB);
  main.onTick = () => {
    budget.check({ distinct: Atomics.load(ctrl, C_CAND), generated, depth });
    report();
  };
  // Temporal properties: the state graph, appended level by level (graph-level.ts).
  const lg = model.properties.length > 0 ? new LevelGraph(layoutOf(model)) : null;
  const outcome = (stop: Stop | null): SearchOutcome => ({
    distinct: store.size,
    generated,
    actionStats: stats,
    depth,
    stop,
    store,
    storeBytes: table.bytes + store.bytes + (lg ? lg.bytes : 0),
    cut,
    terminal: terminal.n,
    warnings,
    ...(lg && stop === null ? { graph: (lg.graph.finish(), lg.graph) } : {}),
  });
  /** The outcome, once the threads have checked the symmetry on a spread of the states reached. */
  const finish = async (stop: Stop | null): Promise<SearchOutcome> => {
    const out = outcome(stop);
    if (stop?.kind === "interrupted" || model.symmetry === null || store.size === 0) return out;
    const sample = reachSample(store.size, REACH);
    const ids = new Int32Array(new SharedArrayBuffer(sample.length * 4));
    ids.set(sample);
    startReach(ctrl, ids.length);
    const mine = (): ReachFail | undefined => reachShare(new ReachCheck(model, store, before), ids, ctrl);
    const fail = await pool.runReach({ type: "reach", ids: ids.buffer as SharedArrayBuffer, store: store.views(), before: [...before] }, mine);
    if (fail === undefined) return out;
    throw rethrown(fail);
  };
  const grow = (): TableRef => {
    try {
      table = new SharedSeenSet(table.grow(table.capacity * 2, levelBase), ctrl);
    } catch (e) {
      if (isAllocationFailure(e)) throw outOfMemory(model.file, { distinct: Atomics.load(ctrl, C_CAND), generated, depth }, "growing the shared seen-set failed");
      throw e;
    }
    Atomics.store(ctrl, C_PAUSE, 0);
    main.setTable(table.ref);
    return table.ref;
  };

  const parallelScavenge = serialScavenge(opts.workers);
  try {
    if (opts.workersFirst) await pool.allReady();
    if (interrupt.aborted) return await finish({ kind: "interrupted" });
    // Level 1: the initial states, admitted here in init order as one worker does.
    const enc = new Encoder();
    const writer = new ChunkWriter(threads - 1, threads);
    const initOrder: number[] = [];
    for (let k = 0; k < model.init.length; k++) {
      const s = model.init[k];
      generated++;
      const len = encodeInit(enc, model, k);
      fingerprint(enc.buf, len);
      table.insert(fpHi(), fpLo(), k, Atomics.load(ctrl, C_CAND));
      if (!table.won) continue;
      const id = store.add(-1, 0, k);
      if (lg) {
        lg.number(table.cand, id);
        lg.graph.initCount = id + 1;
      }
      depth = 1;
      const bad = firstBroken(model, s);
      if (bad >= 0) return await finish({ kind: "invariant", invariant: bad, id, hi: fpHi(), lo: fpLo() });
      if (store.size >= opts.maxStates) return await finish({ kind: "bounded", reason: `--max-states ${opts.maxStates} reached` });
      writer.write(enc.buf, 0, len);
      initOrder.push(writer.chunk, writer.offset);
    }
    // Each level's order (chunk, offset per state) lives in shared memory, never on the JS heap.
    let order: Int32Array = new Int32Array(new SharedArrayBuffer(initOrder.length * 4));
    order.set(initOrder);
    for (const [id, sab] of writer.endLevel()) chunks.set(id, sab);
    let firstId = 0;
    /** The level sent to the workers while the one before was being numbered, if any. */
    let ahead: Level | undefined;
    /**
     * A level's message and arrays, with room for `room` positions; the seen-set is readied for
     * it (grown if it must, given a fresh parents array), so the level before must be expanded.
     */
    const prepare = (room: number, first: number, levelChunks: readonly (readonly [number, SharedArrayBuffer])[], orderSab: SharedArrayBuffer): Level => {
      // The levels before left their buffers (the workers' records, numbering arrays, states) to
      // the collector: once they add up, every thread collects, before the seen-set may double.
      // (this thread collects once the level is sent, while the workers start on it)
      let gc = dropped >= GC_BYTES;
      const base = Atomics.load(ctrl, C_CAND);
      levelBase = base; // (a growth now has no candidates of the new level to carry over)
      if (base > table.capacity * 0.6) {
        grow();
        gc = true; // the old table
      }
      if (gc) dropped = 0;
      table = new SharedSeenSet(table.forLevel(base), ctrl);
      Atomics.store(ctrl, C_CURSOR, 0);
      // a worker may replay a state of this level before it is numbered: its ids need room now
      store.reserve(first + room);
      const gen = new SharedArrayBuffer(Math.max(4, room * 4));
      const steps = model.actionProperties.length > 0 ? new SharedArrayBuffer(Math.max(4, room * 4 * STEP_WORDS)) : undefined;
      const flags = lg?.flagsFor(room);
      // Coverage counts each position's successors per action, so that the level can be cut
      // exactly where one worker would have stopped; without it, the participants' totals do.
      const cov = opts.coverage ? new SharedArrayBuffer(Math.max(4, room * model.actions.length * 4)) : undefined;
      return { type: "level", gc, firstId: first, base, order: orderSab, gen, ...(steps ? { steps } : {}), ...(flags ? { flags } : {}), chunks: levelChunks, store: store.views(), ...(cov ? { cov } : {}) };
    };
    const send = (level: Level, size: number, ready: number): void => {
      Atomics.store(ctrl, C_SIZE, size);
      Atomics.store(ctrl, C_READY, ready);
      pool.post({ ...level, table: table.ref });
      if (level.gc) collectGarbage();
    };
    while (order.length > 0) {
      levelSize = order.length / 2;
      // the level's first state is id firstId, as the one-worker search's (growth.ts)
      if (growth.level(depth, levelSize)) {
        const w = growthWarning(model, store, firstId, depth, true);
        if (w !== null) {
          growth.done = true;
          warnings.push(w);
          listener.onWarning?.(w);
        }
      }
      if (depth >= opts.maxDepth) return await finish({ kind: "bounded", reason: `--max-depth ${opts.maxDepth} reached` });
      const used = new Set<number>();
      for (let p = 0; p < levelSize; p++) used.add(order[2 * p]!);
      for (const [id, sab] of chunks) {
        if (used.has(id)) continue;
        chunks.delete(id); // the level before's
        dropped += sab.byteLength;
      }
      let level = ahead;
      ahead = undefined;
      if (level === undefined) {
        level = prepare(levelSize, firstId, [...chunks], order.buffer as SharedArrayBuffer);
        send(level, levelSize, levelSize);
      }
      const dones = await pool.runLevel({ ...level, table: table.ref }, main, grow, report);
      // interrupted: the counts are those of the levels numbered so far; close() ends the workers
      if (dones === undefined) return await finish({ kind: "interrupted" });
      Atomics.store(ctrl, C_GEN, 0); // the level's successors are counted in `generated` below
      const made = dones.flatMap((d) => d.chunks);
      for (const [id, sab] of made) chunks.set(id, sab);
      for (const d of dones) dropped += d.recs.byteLength + d.wins.byteLength + (d.edges?.byteLength ?? 0);
      dropped += level.order.byteLength + level.gen.byteLength + (level.steps?.byteLength ?? 0) + (level.cov?.byteLength ?? 0) + (level.flags?.byteLength ?? 0);

      const candidates = Atomics.load(ctrl, C_CAND) - level.base;
      const parentOf = table.minParents(candidates);
      const nextSab = new SharedArrayBuffer(Math.max(8, 8 * candidates));
      // The next level goes to the workers now, to be expanded as fast as this thread numbers it
      // (every new state is a candidate, so it has at most that many positions), unless the
      // search cannot go on to it or no worker would take it.
      if (candidates > 0 && depth + 1 < opts.maxDepth && pool.anyReady) {
        ahead = prepare(candidates, store.size, made, nextSab);
        send(ahead, -1, 0);
      }
      const idOf = lg ? new Int32Array(candidates) : undefined;
      const walk = numberLevel(dones, {
        levelSize,
        firstId,
        depth,
        candidates,
        parentOf,
        gen: new Int32Array(level.gen),
        // (every key always present: one shape for every level, so that V8 compiles the numbering once)
        steps: level.steps ? new Int32Array(level.steps) : undefined,
        idOf,
        order,
        next: new Int32Array(nextSab),
        publish: ahead ? ctrl : undefined,
        chunks,
        store,
        opts,
        generatedBefore: generated,
        cov: level.cov ? new Int32Array(level.cov) : undefined,
        stats,
        cut,
        terminal,
      });
      if (ahead) {
        // the level is whole (or, if the search stops here, no more of it will be numbered)
        const size = walk.order.length / 2;
        Atomics.store(ctrl, C_SIZE, size);
        Atomics.store(ctrl, C_READY, size);
        Atomics.notify(ctrl, C_READY);
      }
      if (level.cov === undefined) {
        for (const d of dones) {
          for (let a = 0; a < model.actions.length; a++) {
            stats.enabled[a]! += d.enabled[a]!;
            stats.generated[a]! += d.generatedBy[a]!;
          }
        }
      }
      generated = walk.generated;
      if (walk.maxDepth > depth) depth = walk.maxDepth;
      if (walk.stop) {
        if (ahead) await pool.drain();
        return await finish(walk.stop);
      }
      if (walk.error) throw rethrown(walk.error);
      if (lg) {
        for (let c = 0; c < candidates; c++) lg.number(level.base + c, idOf![c]!);
        lg.addLevel(dones, levelSize, firstId, level.flags!);
      }
      firstId = walk.firstId;
      order = walk.order;
      report();
    }
    return await finish(null);
  } finally {
    parallelScavenge();
    pool.close();
  }
}
