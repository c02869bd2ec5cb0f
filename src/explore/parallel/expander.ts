// One participant's share of a parallel level, used by every worker thread and by the
// coordinator's own thread: take blocks of positions from the shared cursor, expand those
// states, insert their successors in the shared seen-set, and record what the coordinator needs
// to number the new states as one worker would.

import { Decoder, UnknownRecordType } from "../../fingerprint/decode.js";
import { thrown } from "../../result/errors.js";
import { Encoder } from "../../fingerprint/encode.js";
import type { Model } from "../../model/compile.js";
import { replay } from "../replay.js";
import { brokenStep, stutters } from "../action-properties.js";
import { firstBroken, firstOutside, isTerminal } from "../spec-calls.js";
import { SuccessorBatch } from "../successor-batch.js";
import { StateStore } from "../state-store.js";
import { ChunkWriter, IntRecords, readLen } from "./buffers.js";
import { evalPredicate, layoutOf, type BitLayout } from "../liveness/layout.js";
import { BLOCK, C_CURSOR, C_GEN, C_PAUSE, C_READY, C_SIZE, GEN_TERMINAL, genOutside, EDGE_WORDS, REC_WORDS, STEP_WORDS, WIN_WORDS, type DoneMsg, type LevelMsg, type TableRef } from "./protocol.js";
import { SharedSeenSet } from "./shared-seen-set.js";

export class Expander {
  private readonly enc = new Encoder();
  private readonly dec = new Decoder();
  private readonly batch: SuccessorBatch;
  private readonly recs = new IntRecords(REC_WORDS);
  private readonly wins = new IntRecords(WIN_WORDS);
  private readonly edges = new IntRecords(EDGE_WORDS);
  private readonly layout: BitLayout | null;
  private flags: Int32Array | undefined;
  private readonly writer: ChunkWriter;
  private readonly chunks = new Map<number, Uint8Array>();
  /** The level being expanded, without its seen-set (which may grow and be replaced meanwhile). */
  private level!: Omit<LevelMsg, "table">;
  private table!: SharedSeenSet;
  private order!: Int32Array;
  private gen!: Int32Array;
  private cov: Int32Array | undefined;
  private enabled: Float64Array;
  private generatedBy: Float64Array;
  private steps: Int32Array | undefined;
  /** The rest of the block this participant was in when it paused. */
  private from = 0;
  private to = 0;
  /** Positions known to be numbered (C_READY when last read). */
  private ready = 0;
  private error: DoneMsg["error"];
  /** Positions expanded so far, for progress reports. */
  expanded = 0;
  /** Successors generated since this participant last added them to C_GEN. */
  private unreported = 0;
  /** Called every 1024 expansions (the coordinator's thread checks memory and reports progress). */
  onTick: (() => void) | undefined;

  constructor(
    private readonly model: Model,
    readonly ctrl: Int32Array,
    index: number,
    threads: number,
  ) {
    this.writer = new ChunkWriter(index, threads);
    this.batch = new SuccessorBatch(model);
    this.enabled = new Float64Array(model.actions.length);
    this.generatedBy = new Float64Array(model.actions.length);
    this.layout = model.properties.length > 0 ? layoutOf(model) : null;
  }

  startLevel(m: LevelMsg): void {
    const { table, ...level } = m;
    this.level = level;
    this.order = new Int32Array(m.order);
    this.gen = new Int32Array(m.gen);
    this.cov = m.cov ? new Int32Array(m.cov) : undefined;
    this.enabled = new Float64Array(this.model.actions.length);
    this.generatedBy = new Float64Array(this.model.actions.length);
    this.steps = m.steps ? new Int32Array(m.steps) : undefined;
    this.flags = m.flags ? new Int32Array(m.flags) : undefined;
    this.chunks.clear();
    for (const [id, sab] of m.chunks) this.chunks.set(id, new Uint8Array(sab));
    this.from = this.to = this.ready = 0;
    this.error = undefined;
    this.setTable(table);
  }

  setTable(t: TableRef): void {
    this.table = new SharedSeenSet(t, this.ctrl);
  }

  get tableRef(): TableRef {
    return this.table.ref;
  }

  /**
   * Expands until the level's cursor is exhausted ("done"), the seen-set must grow ("paused"), or
   * `slice` positions are done ("yield": the coordinator's thread then lets messages in).
   */
  run(slice = Infinity): "done" | "paused" | "yield" {
    const { ctrl } = this;
    for (let left = slice; ; ) {
      if (this.from >= this.to) {
        if (this.unreported > 0) Atomics.add(ctrl, C_GEN, this.unreported);
        this.unreported = 0;
        this.from = Atomics.add(ctrl, C_CURSOR, BLOCK);
        const size = Atomics.load(ctrl, C_SIZE);
        if (size >= 0 && this.from >= size) return "done";
        this.to = size >= 0 ? Math.min(this.from + BLOCK, size) : this.from + BLOCK;
      }
      for (; this.from < this.to; this.from++) {
        if (Atomics.load(ctrl, C_PAUSE) === 1) return "paused";
        if (left-- === 0) return "yield";
        if (this.from >= this.ready && !this.numbered(this.from)) {
          this.to = this.from; // past the level's end: the next block from the cursor says "done"
          break;
        }
        try {
          this.expand(this.from);
        } catch (e) {
          this.error = { pos: this.from, ...thrown(e) };
          return "done";
        }
        if ((++this.expanded & 1023) === 0 && this.onTick) {
          Atomics.add(ctrl, C_GEN, this.unreported); // so the report counts what this thread did
          this.unreported = 0;
          this.onTick();
        }
      }
    }
  }

  /**
   * Waits until position `pos` is numbered (the coordinator numbers a level while workers start
   * on it); false if the level turned out to end before it.
   */
  private numbered(pos: number): boolean {
    const ctrl = this.ctrl;
    for (;;) {
      const ready = Atomics.load(ctrl, C_READY);
      if (pos < ready) {
        this.ready = ready;
        return true;
      }
      const size = Atomics.load(ctrl, C_SIZE);
      if (size >= 0 && pos >= size) return false;
      // woken by the coordinator's next publication; the timeout only guards against a lost one
      if (size < 0) Atomics.wait(ctrl, C_READY, ready, 20);
    }
  }

  /** This participant's output for the level; the record buffers are handed over. */
  finish(): DoneMsg {
    const r = this.recs.take();
    const w = this.wins.take();
    const e = this.layout ? this.edges.take() : undefined;
    return { type: "done", recs: r.buffer, recCount: r.count, wins: w.buffer, winCount: w.count, ...(e ? { edges: e.buffer, edgeCount: e.count } : {}), chunks: this.writer.endLevel(), enabled: this.enabled, generatedBy: this.generatedBy, ...(this.error ? { error: this.error } : {}) };
  }

  private expand(pos: number): void {
    const { model, table, recs, wins, writer } = this;
    const base = this.level.base;
    const s = this.stateAt(pos);
    const actions = model.actions;
    // With action properties: the state's own bytes, to skip stuttering steps; the first
    // offending step is recorded for the coordinator's one-worker stopping rule.
    const steps = this.steps;
    const layout = this.layout;
    const flags = this.flags;
    const words = layout ? Math.max(1, Math.ceil(layout.nbits / 32)) : 0;
    let bytes: Uint8Array | undefined;
    let at = 0;
    let slen = 0;
    if (steps || layout) {
      bytes = this.chunks.get(this.order[2 * pos]!)!;
      slen = readLen(bytes, this.order[2 * pos + 1]!);
      at = this.order[2 * pos + 1]! + 4;
      if (steps) steps[STEP_WORDS * pos] = 0;
    }
    // (bits set inline: a closure here would be one allocation per expanded state)
    if (layout) for (const pred of layout.predicates) if (evalPredicate(model, pred, s)) flags![pos * words + (pred.bit >>> 5)]! |= 1 << (pred.bit & 31);
    // outside a state constraint: checked (when it was admitted), not expanded
    const outside = model.constraints.length > 0 ? firstOutside(model, s) : -1;
    if (outside >= 0) {
      if (layout) flags![pos * words + (layout.cut >>> 5)]! |= 1 << (layout.cut & 31);
      this.gen[pos] = genOutside(outside);
      return;
    }
    const batch = this.batch;
    batch.collect(s, table);
    const { off, len, hi, lo, action, k: kOf, state: succ, counts } = batch;
    const out = batch.bytes;
    if (this.cov) for (let a = 0; a < actions.length; a++) this.cov[pos * actions.length + a] = counts[a]!;
    let ord = 0;
    for (; ord < batch.n; ord++) {
      const a = action[ord]!;
      const k = kOf[ord]!;
      if (k === 0) {
        this.enabled[a]!++;
        this.generatedBy[a]! += counts[a]!;
      }
      const moves = (steps !== undefined || layout !== null) && !stutters(model, s, succ[ord], out, off[ord]!, len[ord]!, bytes!, at, slen);
      if (moves && steps && steps[STEP_WORDS * pos] === 0) {
        const bad = brokenStep(model, s, succ[ord], a);
        if (bad >= 0) steps.set([ord + 1, bad, a, k], STEP_WORDS * pos);
      }
      const local = table.insert(hi[ord]!, lo[ord]!, pos, base);
      if (moves && layout) {
        this.edges.push4(pos, table.cand, a, k);
        const b = layout.enabled[a]!;
        if (b >= 0) flags![pos * words + (b >>> 5)]! |= 1 << (b & 31);
      }
      if (table.won) {
        writer.write(out, off[ord]!, len[ord]!);
        wins.push4(local, writer.chunk, writer.offset, firstBroken(model, succ[ord]));
        recs.push5(local, pos, ord, a, k);
      } else if (local >= 0 && table.lowered) {
        recs.push5(local, pos, ord, a, k);
      }
    }
    // an action threw, or gave a value that is not a state, after the successors above
    if (batch.error !== null) throw batch.error;
    batch.release();
    this.gen[pos] = ord === 0 && isTerminal(model, s) ? GEN_TERMINAL : ord;
    this.unreported += ord;
  }

  private stateAt(pos: number): unknown {
    const bytes = this.chunks.get(this.order[2 * pos]!)!;
    try {
      return this.dec.decode(bytes, this.order[2 * pos + 1]! + 4);
    } catch (e) {
      if (!(e instanceof UnknownRecordType)) throw e;
      // Another thread encoded a Record type this one has not built: recompute the state by
      // replaying the spec along its recorded path, which builds (and registers) the type.
      const s = replay(this.model, new StateStore(false, this.level.store), this.level.firstId + pos).states.at(-1);
      this.enc.encode(s);
      return s;
    }
  }
}
