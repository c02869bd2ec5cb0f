// One cluster worker: owns the states whose fingerprint is its index modulo the number of
// workers. Per level it expands its frontier in path-key order, sends each successor to its
// owner in batches, takes in the successors others send it until every sender's end-of-level
// count is met, checks invariants on its new states, writes its checkpoint and reports to the
// coordinator. It answers the coordinator's questions (a state's parent, counts up to a key).

import { hostname } from "node:os";
import { Decoder, UnknownRecordType } from "../fingerprint/decode.js";
import { Encoder } from "../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo } from "../fingerprint/hash.js";
import type { Model } from "../model/compile.js";
import { McError, thrown } from "../result/errors.js";
import { SuccessorBatch } from "../explore/successor-batch.js";
import { encodeInit, firstBroken } from "../explore/spec-calls.js";
import { writeDelta, type DeltaState } from "./checkpoint.js";
import { afterChildren, deadlockEvent, errorEvent, invariantEvent, parentKeyOf } from "./level-events.js";
import { OwnedStates } from "./owned-states.js";
import { appendOrdinal, compareKeys, keyOfHex, stateAtKey } from "./path-key.js";
import { json, ownerOf, parse, subjects, type CtlMsg, type HeartbeatMsg, type LevelEvent, type ReportMsg, type RpcMsg } from "./protocol.js";
import type { Transport } from "./transport.js";
import { MSG_COUNT, MSG_SUCCESSORS, OwnerBatch, countMessage, readCount, readHeader, readSuccessors } from "./wire.js";
import type { ClusterTimeouts } from "./timeouts.js";

export interface WorkerConfig {
  readonly run: string;
  readonly nodes: number;
  readonly index: number;
  readonly hash: string;
  readonly describe: string;
  readonly deadlock: boolean;
  /** Where this worker's per-level checkpoints go; none: a restart cannot rejoin. */
  readonly checkpointDir?: string;
  /** A batch is sent once it holds this many bytes (well under NATS's 1 MiB max_payload). */
  readonly batchBytes: number;
  readonly timeouts: ClusterTimeouts;
}

const EMPTY = new Uint8Array(0);
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export class ClusterWorker {
  private readonly s: ReturnType<typeof subjects>;
  private readonly enc = new Encoder();
  private readonly dec = new Decoder();
  private readonly batch: SuccessorBatch;
  private readonly own = new OwnedStates();
  private attempt = -1;
  private level = -1;
  private expected = new Int32Array(0);
  private received = new Int32Array(0);
  private expandDone = false;
  private finishing = false;
  private event: LevelEvent | null = null;
  private generated = 0;
  private enabled: Float64Array;
  private generatedBy: Float64Array;
  private readonly pending = new Map<number, Uint8Array[]>();
  private lastCoordinator = Date.now();
  private welcomed = false;
  /** The join message, sent until the coordinator welcomes this worker. */
  private join: Uint8Array = new Uint8Array(0);
  private settle!: { resolve: () => void; reject: (e: unknown) => void };
  private readonly offs: (() => void)[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  /** Data messages (successor batches and end-of-level counts) sent to other workers, and their bytes. */
  private readonly data = { msgs: 0, bytes: 0 };
  /** This attempt's report, once sent. */
  private report: ReportMsg | null = null;

  constructor(
    private readonly model: Model,
    private readonly t: Transport,
    private readonly cfg: WorkerConfig,
  ) {
    this.s = subjects(cfg.run);
    this.batch = new SuccessorBatch(model);
    this.enabled = new Float64Array(model.actions.length);
    this.generatedBy = new Float64Array(model.actions.length);
  }

  /** Takes part in the run until the coordinator says it is over; rejects with an McError otherwise. */
  run(): Promise<void> {
    const { s, t, cfg } = this;
    const done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.offs.push(
      t.subscribe(s.ctl, (d) => this.onCtl(parse<CtlMsg>(d))),
      t.subscribe(s.data(cfg.index), (d) => this.onData(d)),
      t.subscribe(s.rpc(cfg.index), (d, reply) => reply && t.publish(reply, json(this.own.answer(parse<RpcMsg>(d))))),
    );
    t.onReconnect(() => t.publish(s.hb, json({ index: cfg.index, reconnected: true } satisfies HeartbeatMsg)));
    this.join = json({ type: "join", index: cfg.index, nodes: cfg.nodes, hash: cfg.hash, describe: cfg.describe, host: hostname(), pid: process.pid, checkpoints: cfg.checkpointDir !== undefined });
    const started = Date.now();
    const beat = (): void => {
      if (!this.welcomed) {
        if (Date.now() - started > cfg.timeouts.joinMs) return this.fail(new McError("MC067", `worker ${cfg.index} of run '${cfg.run}': no coordinator answered its join within ${cfg.timeouts.joinMs} ms (--join-timeout). Is worker 0 (the coordinator) running against the same NATS server and --run id?`));
        t.publish(s.join, this.join);
      } else {
        t.publish(s.hb, json({ index: cfg.index } satisfies HeartbeatMsg));
        // a report is idempotent: repeated until the next level starts, in case one was lost
        if (this.report !== null && this.report.attempt === this.attempt) t.publish(s.report, json(this.report));
        if (Date.now() - this.lastCoordinator > cfg.timeouts.peerMs) this.fail(new McError("MC069", `worker ${cfg.index} of run '${cfg.run}': the coordinator (worker 0) has been silent for ${cfg.timeouts.peerMs} ms (--peer-timeout); it stopped or lost the NATS server.`));
      }
    };
    beat();
    this.timers.push(setInterval(beat, cfg.timeouts.heartbeatMs));
    return done.finally(() => this.stop());
  }

  private stop(): void {
    for (const off of this.offs) off();
    for (const tm of this.timers) clearInterval(tm);
  }

  /** Leaves the run; `tell`: the coordinator has not said so itself, so it hears why. */
  private fail(e: unknown, tell = true): void {
    this.attempt = Number.MAX_SAFE_INTEGER; // abandons any level in progress
    if (tell) {
      const { code, message } = thrown(e);
      const fatal = { code, message };
      this.t.publish(this.s.hb, json({ index: this.cfg.index, fatal } satisfies HeartbeatMsg));
    }
    this.settle.reject(e);
  }

  private onCtl(m: CtlMsg): void {
    this.lastCoordinator = Date.now();
    if (m.type === "welcome" && m.index === this.cfg.index) this.welcomed = true;
    // A join sent before the coordinator listened is lost: its first heartbeat asks again at once
    // (rather than at this worker's next beat, a second later on every run's start).
    else if (m.type === "hb" && !this.welcomed) this.t.publish(this.s.join, this.join);
    else if (m.type === "reject" && m.index === this.cfg.index) this.fail(new McError(m.code as "MC068", m.message), false);
    else if (m.type === "done") this.settle.resolve();
    else if (m.type === "abort") this.fail(new McError(m.code as "MC069", m.message), false);
    else if ((m.type === "level" || m.type === "hb") && this.welcomed && m.attempt > this.attempt) {
      try {
        this.startLevel(m.level, m.attempt);
      } catch (e) {
        this.fail(e);
      }
    }
  }

  /** Brings the committed states to depth `level`, then expands it. */
  private startLevel(level: number, attempt: number): void {
    this.own.startLevel(level, this.cfg.checkpointDir, this.cfg.index);
    this.level = level;
    this.attempt = attempt;
    this.expected = new Int32Array(this.cfg.nodes).fill(-1);
    this.received = new Int32Array(this.cfg.nodes);
    this.expandDone = this.finishing = false;
    this.event = null;
    this.generated = 0;
    this.enabled = new Float64Array(this.model.actions.length);
    this.generatedBy = new Float64Array(this.model.actions.length);
    for (const a of this.pending.keys()) if (a < attempt) this.pending.delete(a);
    const early = this.pending.get(attempt) ?? [];
    this.pending.delete(attempt);
    for (const d of early) this.onData(d);
    void (level === 0 ? this.initial() : this.expand(attempt)).catch((e: unknown) => this.fail(e));
  }

  /** Level 0: every worker computes the initial states and keeps those it owns. */
  private async initial(): Promise<void> {
    const { model, enc, cfg } = this;
    for (let k = 0; k < model.init.length; k++) {
      const key = appendOrdinal(EMPTY, k);
      let len: number;
      try {
        len = encodeInit(enc, model, k);
      } catch (e) {
        this.noteEvent(errorEvent(key, EMPTY, e));
        break;
      }
      fingerprint(enc.buf, len);
      const hi = fpHi();
      const lo = fpLo();
      if (ownerOf(lo, cfg.nodes) === cfg.index) this.own.cand.offer(hi, lo, 0, 0, -1, k, EMPTY, k, enc.buf, 0, len);
    }
    this.expected.fill(0);
    this.expandDone = true;
    await this.maybeFinish();
  }

  private async expand(attempt: number): Promise<void> {
    const { model, cfg, t } = this;
    const n = cfg.nodes;
    const out = Array.from({ length: n }, (_, j) => new OwnerBatch({ kind: MSG_SUCCESSORS, level: this.level, attempt, from: cfg.index }));
    const sent = new Int32Array(n);
    const send = (j: number): void => {
      const b = out[j]!;
      if (b.records === 0) return;
      sent[j]! += b.records;
      const msg = b.take();
      if (j === cfg.index) this.take(msg);
      else this.sendData(j, msg);
    };
    const probe = { touch: () => 0 };
    let since = 0;
    const { frontier, gen } = this.own;
    for (let i = 0; i < frontier.length; i++) {
      const p = frontier[i]!;
      const s = this.stateOf(p);
      const batch = this.batch;
      batch.collect(s, probe);
      const { bytes, off, len, hi, lo, action, k: kOf, counts } = batch;
      for (let j = 0; j < batch.n; j++) {
        const a = action[j]!;
        if (kOf[j] === 0) {
          this.enabled[a]!++;
          this.generatedBy[a]! += counts[a]!;
        }
        const o = ownerOf(lo[j]!, n);
        if (o === cfg.index) {
          // its own successors never go through the wire: admitted here, counted as sent and received
          sent[o]!++;
          this.received[o]!++;
          if (!this.own.has(hi[j]!, lo[j]!)) this.own.cand.offer(hi[j]!, lo[j]!, p.hi, p.lo, a, kOf[j]!, p.key, j, bytes, off[j]!, len[j]!);
          continue;
        }
        out[o]!.child(i, p.hi, p.lo, p.key, hi[j]!, lo[j]!, a, kOf[j]!, j, bytes, off[j]!, len[j]!);
        if (out[o]!.size >= cfg.batchBytes) {
          send(o);
          since += 16;
        }
      }
      gen[i] = batch.n;
      this.generated += batch.n;
      if (batch.error !== null) {
        this.noteEvent(errorEvent(afterChildren(p.key), p.key, batch.error));
        batch.release();
        break; // one machine stops here; every later parent comes after it
      }
      batch.release();
      if (batch.n === 0 && cfg.deadlock) this.noteEvent(deadlockEvent(p));
      // let the messages others send in (and heartbeats out) now and then
      if (++since >= 64) {
        since = 0;
        await tick();
        if (this.attempt !== attempt) return;
      }
    }
    for (let j = 0; j < n; j++) send(j);
    for (let j = 0; j < n; j++) {
      if (j === cfg.index) this.expected[j] = sent[j]!;
      else this.sendData(j, countMessage({ kind: MSG_COUNT, level: this.level, attempt, from: cfg.index }, sent[j]!));
    }
    await t.flush();
    if (this.attempt !== attempt) return;
    this.expandDone = true;
    await this.maybeFinish();
  }

  private sendData(owner: number, msg: Uint8Array): void {
    this.data.msgs++;
    this.data.bytes += msg.length;
    this.t.publish(this.s.data(owner), msg);
  }

  private stateOf(p: DeltaState): unknown {
    try {
      return this.dec.decode(p.bytes, 0);
    } catch (e) {
      if (!(e instanceof UnknownRecordType)) throw e;
      // A Record type only other workers have built so far: build it by running the spec along the state's path.
      const r = stateAtKey(this.model, p.key);
      if (r === null) throw new McError("MC014", `${this.model.file}: replaying the path to a state did not reproduce it: the spec is not deterministic.`);
      this.enc.encode(r.state);
      return r.state;
    }
  }

  private onData(d: Uint8Array): void {
    const h = readHeader(d);
    if (h.attempt > this.attempt) {
      const q = this.pending.get(h.attempt) ?? [];
      q.push(d);
      this.pending.set(h.attempt, q);
      return;
    }
    if (h.attempt < this.attempt || this.finishing) return;
    if (h.kind === MSG_COUNT) this.expected[h.from] = readCount(d);
    else this.take(d);
    if (h.kind === MSG_COUNT || h.from !== this.cfg.index) void this.maybeFinish().catch((e: unknown) => this.fail(e));
  }

  /** Admits a batch of successors (from a peer, or from this worker itself). */
  private take(d: Uint8Array): void {
    const h = readHeader(d);
    let n = 0;
    readSuccessors(d, (c) => {
      n++;
      if (this.own.has(c.hi, c.lo)) return;
      this.own.cand.offer(c.hi, c.lo, c.phi, c.plo, c.action, c.k, c.pkey, c.ord, d, c.off, c.len);
    });
    this.received[h.from]! += n;
  }

  private async maybeFinish(): Promise<void> {
    if (!this.expandDone || this.finishing) return;
    for (let j = 0; j < this.cfg.nodes; j++) if (this.expected[j] !== this.received[j]) return;
    this.finishing = true;
    const attempt = this.attempt;
    const states = this.own.cand.sorted();
    // Invariants, in the order one machine checks them: the first broken one is this worker's event.
    const before = this.event === null ? null : keyOfHex(this.event.key);
    for (let i = 0; i < states.length; i++) {
      const st = states[i]!;
      if (before !== null && compareKeys(st.key, before) > 0) break;
      let bad: number;
      try {
        bad = firstBroken(this.model, this.stateOf(st));
      } catch (e) {
        this.noteEvent(errorEvent(st.key, parentKeyOf(st.key), e));
        break;
      }
      if (bad >= 0) {
        this.noteEvent(invariantEvent(st, bad));
        break;
      }
      if ((i & 511) === 511) {
        await tick();
        if (this.attempt !== attempt) return;
      }
    }
    if (this.cfg.checkpointDir !== undefined) writeDelta(this.cfg.checkpointDir, this.level + 1, states);
    const report: ReportMsg = {
      type: "report",
      index: this.cfg.index,
      level: this.level,
      attempt,
      newStates: states.length,
      generated: this.generated,
      enabled: [...this.enabled],
      generatedBy: [...this.generatedBy],
      event: this.event,
      sent: { ...this.data },
      rssBytes: process.resourceUsage().maxRSS * 1024,
    };
    if (this.attempt !== attempt) return;
    this.report = report;
    this.t.publish(this.s.report, json(report));
  }

  private noteEvent(e: LevelEvent): void {
    if (this.event === null || e.key < this.event.key) this.event = e;
  }
}
