// Parallel BFS: worker threads expand each level together over one shared seen-set; between
// levels the coordinator numbers the new states exactly as one worker would have (by least
// parent position, then successor ordinal) and replays the one-worker stopping rule over that
// order, so verdict, counts, depth and trace are the same for every number of workers.

import { Worker } from "node:worker_threads";
import { Encoder } from "../../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../../fingerprint/hash.js";
import type { Model } from "../../model/compile.js";
import { McError, type ErrorCode } from "../../result/errors.js";
import type { CheckListener } from "../../result/result.js";
import type { ResolvedOptions } from "../options.js";
import { encodeInit, firstBroken, type SearchOutcome, type Stop } from "../search.js";
import { StateStore } from "../state-store.js";
import { MemoryBudget, isAllocationFailure, outOfMemory } from "../memory.js";
import { ChunkWriter, readLen } from "./buffers.js";
import { Expander } from "./expander.js";
import { C_CAND, C_CURSOR, C_LIMIT, C_PAUSE, CTRL_WORDS, REC_WORDS, WIN_WORDS, type DoneMsg, type FromWorker, type LevelMsg, type TableRef, type ToWorker, type WorkerData } from "./protocol.js";
import { SharedSeenSet } from "./shared-seen-set.js";

const MAX_LOAD = 0.8;

export async function parallelSearch(model: Model, opts: ResolvedOptions, listener: CheckListener): Promise<SearchOutcome> {
  if (opts.file === undefined) {
    throw new McError("MC023", `--workers ${opts.workers}: parallel workers load the spec themselves and need its file (pass options.file to check()).`);
  }
  const ctrlSab = new SharedArrayBuffer(CTRL_WORDS * 4);
  const ctrl = new Int32Array(ctrlSab);
  let table = new SharedSeenSet(SharedSeenSet.allocate(opts.seenCapacity), ctrl);
  ctrl[C_LIMIT] = table.capacity * MAX_LOAD;
  const store = new StateStore(true);
  const chunks = new Map<number, SharedArrayBuffer>();
  // Participants: this thread (index 0) and opts.workers - 1 worker threads; one more writer
  // index for the initial states. This thread explores from the start; a worker joins at the
  // first level after it has loaded the spec.
  const threads = opts.workers + 1;
  const main = new Expander(model, ctrl, 0, threads);
  const pool = new WorkerPool(opts.file, model, ctrlSab, threads);
  const started = Date.now();
  let generated = 0;
  let depth = 0;
  let lastReport = started;
  let levelSize = 0;
  const report = (): void => {
    if (!listener.onProgress || Date.now() - lastReport < opts.progressIntervalMs) return;
    lastReport = Date.now();
    // frontier: what is left of the level in progress (the next level is not numbered yet)
    const frontier = Math.max(0, levelSize - Atomics.load(ctrl, C_CURSOR));
    listener.onProgress({ distinct: Atomics.load(ctrl, C_CAND), generated, frontier, depth, elapsedMs: lastReport - started, storeBytes: table.bytes + store.bytes });
  };
  const budget = new MemoryBudget(model.file, opts.memoryMiB);
  main.onTick = () => {
    budget.check({ distinct: Atomics.load(ctrl, C_CAND), generated, depth });
    report();
  };
  const outcome = (stop: Stop | null): SearchOutcome => ({ distinct: store.size, generated, depth, stop, store, storeBytes: table.bytes + store.bytes });
  const grow = (): TableRef => {
    try {
      table = new SharedSeenSet(table.grow(table.capacity * 2), ctrl);
    } catch (e) {
      if (isAllocationFailure(e)) throw outOfMemory(model.file, { distinct: Atomics.load(ctrl, C_CAND), generated, depth }, "growing the shared seen-set failed");
      throw e;
    }
    Atomics.store(ctrl, C_LIMIT, table.capacity * MAX_LOAD);
    Atomics.store(ctrl, C_PAUSE, 0);
    main.setTable(table.ref);
    return table.ref;
  };

  try {
    // Level 1: the initial states, admitted here in init order as one worker does.
    const enc = new Encoder();
    const writer = new ChunkWriter(threads - 1, threads);
    const initOrder: number[] = [];
    for (let k = 0; k < model.init.length; k++) {
      const s = model.init[k];
      generated++;
      const len = encodeInit(enc, model, k);
      fingerprint(enc.buf.subarray(0, len));
      table.insert(fpHi(), fpLo(), k, Atomics.load(ctrl, C_CAND));
      if (!table.won) continue;
      const id = store.add(-1, 0, k);
      depth = 1;
      const bad = firstBroken(model, s);
      if (bad >= 0) return outcome({ kind: "invariant", invariant: bad, id, hi: fpHi(), lo: fpLo() });
      if (store.size >= opts.maxStates) return outcome({ kind: "bounded", reason: `--max-states ${opts.maxStates} reached` });
      writer.write(enc.buf, len);
      initOrder.push(writer.chunk, writer.offset);
    }
    // Each level's order (chunk, offset per state) lives in shared memory, never on the JS heap.
    let order: Int32Array = new Int32Array(new SharedArrayBuffer(initOrder.length * 4));
    order.set(initOrder);
    for (const [id, sab] of writer.endLevel()) chunks.set(id, sab);
    let firstId = 0;
    while (order.length > 0) {
      levelSize = order.length / 2;
      if (depth >= opts.maxDepth) return outcome({ kind: "bounded", reason: `--max-depth ${opts.maxDepth} reached` });
      if (Atomics.load(ctrl, C_CAND) > table.capacity * 0.6) grow();
      const base = Atomics.load(ctrl, C_CAND);
      Atomics.store(ctrl, C_CURSOR, 0);
      const orderSab = order.buffer as SharedArrayBuffer;
      const genSab = new SharedArrayBuffer(levelSize * 4);
      const used = new Set<number>();
      for (let p = 0; p < levelSize; p++) used.add(order[2 * p]!);
      for (const id of chunks.keys()) if (!used.has(id)) chunks.delete(id); // the level before's
      const msg: LevelMsg = { type: "level", levelSize, firstId, base, order: orderSab, gen: genSab, chunks: [...chunks], table: table.ref, store: store.views() };
      const dones = await pool.runLevel(msg, main, grow, report);
      for (const d of dones) for (const [id, sab] of d.chunks) chunks.set(id, sab);

      const walk = numberLevel(dones, {
        levelSize,
        firstId,
        depth,
        candidates: Atomics.load(ctrl, C_CAND) - base,
        minParent: table.minParents(base, Atomics.load(ctrl, C_CAND) - base),
        gen: new Int32Array(genSab),
        order,
        chunks,
        store,
        opts,
        generatedBefore: generated,
      });
      generated = walk.generated;
      if (walk.maxDepth > depth) depth = walk.maxDepth;
      if (walk.stop) return outcome(walk.stop);
      if (walk.error) {
        if (walk.error.internal) throw new Error(walk.error.message);
        throw new McError(walk.error.code as ErrorCode, walk.error.message);
      }
      firstId = walk.firstId;
      order = walk.order;
      report();
    }
    return outcome(null);
  } finally {
    pool.close();
  }
}

const BOOT = new URL("./worker-boot.js", import.meta.url);
/** Workers started ahead of a check, by spec file, with any error they hit while loading. */
const prewarmed = new Map<string, { worker: Worker; error?: unknown }[]>();

function spawn(file: string): { worker: Worker; error?: unknown } {
  const entry: { worker: Worker; error?: unknown } = { worker: new Worker(BOOT, { workerData: { file } satisfies WorkerData }) };
  entry.worker.on("error", (e) => (entry.error = e));
  return entry;
}

/**
 * Starts `count` workers loading `file` before the check itself (the CLI calls this first, so
 * loading tsx and the spec in the workers overlaps with the same work on this thread).
 */
export function prewarmWorkers(file: string, count: number): void {
  const list = prewarmed.get(file) ?? [];
  while (list.length < count) {
    const e = spawn(file);
    e.worker.unref(); // a check that never starts must not keep the process alive
    list.push(e);
  }
  prewarmed.set(file, list);
}

/** Stops prewarmed workers a check did not use. */
export function releasePrewarmed(): void {
  for (const list of prewarmed.values()) for (const e of list) void e.worker.terminate();
  prewarmed.clear();
}

/** The worker threads: each joins the levels once it has loaded and compiled the spec. */
class WorkerPool {
  private readonly ready: Worker[] = [];
  private readonly all: Worker[] = [];
  private failure: unknown;
  private wake: (() => void) | undefined;
  private readonly done: DoneMsg[] = [];
  private readonly paused = new Set<Worker>();

  constructor(file: string, model: Model, ctrl: SharedArrayBuffer, threads: number) {
    const warm = prewarmed.get(file)?.splice(0, threads - 2) ?? [];
    for (let index = 1; index < threads - 1; index++) {
      const entry = warm[index - 1] ?? spawn(file);
      const w = entry.worker;
      w.ref();
      this.all.push(w);
      if (entry.error !== undefined) this.failure = entry.error;
      w.on("message", (m: FromWorker) => {
        if (m.type === "ready") this.ready.push(w);
        else if (m.type === "done") this.done.push(m);
        else if (m.type === "paused") this.paused.add(w);
        else this.failure = m.internal ? new Error(m.message) : new McError(m.code as ErrorCode, m.message);
        this.wake?.();
      });
      w.on("error", (e) => {
        this.failure = e;
        this.wake?.();
      });
      w.postMessage({ type: "init", constants: model.constants, index, threads, ctrl } satisfies ToWorker);
    }
  }

  /**
   * Runs one level on this thread and every ready worker. This thread works synchronously;
   * whenever every participant has paused (or finished) for the seen-set to grow, it grows it.
   */
  async runLevel(msg: LevelMsg, main: Expander, grow: () => TableRef, report: () => void): Promise<DoneMsg[]> {
    // Let the event loop deliver what workers said meanwhile ("ready", above all): this thread
    // may have run several levels without waiting for anyone.
    await new Promise((resolve) => setImmediate(resolve));
    const workers: Worker[] = [];
    this.done.length = 0;
    main.startLevel(msg);
    let mine: DoneMsg | undefined;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      // Workers that are ready join, even in the middle of the level: they take blocks from
      // the same cursor, with the seen-set as it is now.
      for (const w of this.ready) {
        if (workers.includes(w)) continue;
        workers.push(w);
        w.postMessage({ ...msg, table: main.tableRef } satisfies ToWorker);
      }
      if (mine === undefined) {
        // While a worker is still loading, work in slices and look for its "ready" in between.
        const r = main.run(this.ready.length < this.all.length ? 256 : Infinity);
        if (r === "yield") {
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (r === "done") mine = main.finish();
      }
      report();
      if (mine !== undefined && this.done.length === workers.length) return [mine, ...this.done.splice(0)];
      if (this.paused.size + this.done.length < workers.length) {
        await this.message();
        continue;
      }
      // every worker has paused or finished, and so has this thread: grow, then go on
      if (Atomics.load(main.ctrl, C_PAUSE) === 1) {
        const ref = grow();
        for (const w of this.paused) w.postMessage({ type: "resume", table: ref } satisfies ToWorker);
        this.paused.clear();
      }
    }
  }

  private message(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  close(): void {
    for (const w of this.all) void w.terminate();
  }
}

interface LevelInput {
  readonly levelSize: number;
  readonly firstId: number;
  readonly depth: number;
  readonly candidates: number;
  readonly minParent: Int32Array;
  readonly gen: Int32Array;
  readonly order: Int32Array;
  readonly chunks: Map<number, SharedArrayBuffer>;
  readonly store: StateStore;
  readonly opts: ResolvedOptions;
  readonly generatedBefore: number;
}

/**
 * Numbers a level's new states in one-worker order and applies the one-worker stopping rule:
 * walking parents in position order, each new state in successor order is checked (invariant,
 * --max-states), then the parent itself (deadlock), so a stop lands exactly where it would.
 */
function numberLevel(dones: readonly DoneMsg[], x: LevelInput): { generated: number; maxDepth: number; stop?: Stop; error?: NonNullable<DoneMsg["error"]>; firstId: number; order: Int32Array } {
  const m = x.candidates;
  const chunkOf = new Int32Array(m);
  const offsetOf = new Int32Array(m);
  const broken = new Int32Array(m);
  const ordOf = new Int32Array(m);
  const actionOf = new Int32Array(m);
  const succOf = new Int32Array(m);
  let error: NonNullable<DoneMsg["error"]> | undefined;
  for (const d of dones) {
    const w = new Int32Array(d.wins);
    for (let i = 0; i < d.winCount * WIN_WORDS; i += WIN_WORDS) {
      const c = w[i]!;
      chunkOf[c] = w[i + 1]!;
      offsetOf[c] = w[i + 2]!;
      broken[c] = w[i + 3]!;
    }
    const r = new Int32Array(d.recs);
    for (let i = 0; i < d.recCount * REC_WORDS; i += REC_WORDS) {
      const c = r[i]!;
      if (r[i + 1] !== x.minParent[c]) continue; // a parent later lowered this state's least parent
      ordOf[c] = r[i + 2]!;
      actionOf[c] = r[i + 3]!;
      succOf[c] = r[i + 4]!;
    }
    if (d.error && (error === undefined || d.error.pos < error.pos)) error = d.error;
  }
  // counting sort of the candidates by least parent, then by ordinal within a parent
  const start = new Int32Array(x.levelSize + 1);
  for (let c = 0; c < m; c++) start[x.minParent[c]! + 1]!++;
  for (let p = 0; p < x.levelSize; p++) start[p + 1]! += start[p]!;
  const sorted = new Int32Array(m);
  const fill = start.slice(0, x.levelSize);
  for (let c = 0; c < m; c++) sorted[fill[x.minParent[c]!]!++] = c;

  const limit = error ? error.pos : x.levelSize;
  let generated = x.generatedBefore;
  let maxDepth = x.depth;
  const next = new Int32Array(new SharedArrayBuffer(Math.max(8, 8 * m)));
  let n = 0;
  const firstId = x.store.size;
  for (let p = 0; p < limit; p++) {
    const lo = start[p]!;
    const hi = start[p + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const c = sorted[i]!;
      let j = i;
      while (j > lo && ordOf[sorted[j - 1]!]! > ordOf[c]!) sorted[j] = sorted[--j]!;
      sorted[j] = c;
    }
    for (let i = lo; i < hi; i++) {
      const c = sorted[i]!;
      const id = x.store.add(x.firstId + p, actionOf[c]!, succOf[c]!);
      maxDepth = x.depth + 1;
      const at = generated + ordOf[c]! + 1;
      if (broken[c]! >= 0) {
        const [h, l] = fingerprintAt(x.chunks, chunkOf[c]!, offsetOf[c]!);
        return { generated: at, maxDepth, stop: { kind: "invariant", invariant: broken[c]!, id, hi: h, lo: l }, firstId, order: next.subarray(0, n) };
      }
      if (x.store.size >= x.opts.maxStates) return { generated: at, maxDepth, stop: { kind: "bounded", reason: `--max-states ${x.opts.maxStates} reached` }, firstId, order: next.subarray(0, n) };
      next[n++] = chunkOf[c]!;
      next[n++] = offsetOf[c]!;
    }
    generated += x.gen[p]!;
    if (x.gen[p] === 0 && x.opts.deadlock) {
      const [h, l] = fingerprintAt(x.chunks, x.order[2 * p]!, x.order[2 * p + 1]!);
      return { generated, maxDepth, stop: { kind: "deadlock", id: x.firstId + p, hi: h, lo: l }, firstId, order: next.subarray(0, n) };
    }
  }
  return { generated, maxDepth, ...(error ? { error } : {}), firstId, order: next.subarray(0, n) };
}

function fingerprintAt(chunks: Map<number, SharedArrayBuffer>, chunk: number, offset: number): [number, number] {
  const d = new Uint8Array(chunks.get(chunk)!);
  fingerprint(d.slice(offset + 4, offset + 4 + readLen(d, offset)));
  return [fpHi(), fpLo()];
}
