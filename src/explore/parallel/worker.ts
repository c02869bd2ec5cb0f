// A worker thread of a parallel check: it loads the spec itself, then, level after level, takes
// blocks of positions from the shared cursor, expands those states, inserts their successors in
// the shared seen-set and writes what the coordinator needs to number them as one worker would.

import { parentPort, workerData } from "node:worker_threads";
import { Decoder, UnknownRecordType } from "../../fingerprint/decode.js";
import { Encoder } from "../../fingerprint/encode.js";
import { fingerprint, fpHi, fpLo, initHash } from "../../fingerprint/hash.js";
import { compile, type Model } from "../../model/compile.js";
import { loadSpec } from "../../model/load-spec.js";
import { successorsOf } from "../../model/successors.js";
import { McError, describeThrown } from "../../result/errors.js";
import { replay } from "../replay.js";
import { actionError, firstBroken } from "../search.js";
import { StateStore } from "../state-store.js";
import { ChunkWriter, IntRecords } from "./buffers.js";
import { BLOCK, C_CURSOR, C_PAUSE, REC_WORDS, WIN_WORDS, type DoneMsg, type FromWorker, type LevelMsg, type ToWorker, type WorkerData } from "./protocol.js";
import { SharedSeenSet } from "./shared-seen-set.js";

const data = workerData as WorkerData;
const port = parentPort!;
const ctrl = new Int32Array(data.ctrl);
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

const enc = new Encoder();
const dec = new Decoder();
const recs = new IntRecords(REC_WORDS);
const wins = new IntRecords(WIN_WORDS);
const writer = new ChunkWriter(data.index, data.workers + 1);
const chunks = new Map<number, Uint8Array>();
let model: Model;
let level: LevelMsg;
let table: SharedSeenSet;
let order: Int32Array;
let gen: Int32Array;
/** The rest of the block this worker was in when it paused. */
let leftover: { from: number; to: number } | undefined;

async function boot(): Promise<void> {
  try {
    await initHash();
    model = compile(await loadSpec(data.file), data.constants, data.file);
    post({ type: "ready" });
  } catch (e) {
    post({ type: "fatal", code: e instanceof McError ? e.code : "internal", message: e instanceof McError ? e.message : describeThrown(e), internal: !(e instanceof McError) });
  }
}

port.on("message", (m: ToWorker) => {
  if (m.type === "exit") {
    port.close();
    return;
  }
  if (m.type === "level") {
    level = m;
    order = new Int32Array(m.order);
    gen = new Int32Array(m.gen);
    for (const id of m.drop) chunks.delete(id);
    for (const [id, sab] of m.chunks) chunks.set(id, new Uint8Array(sab));
    leftover = undefined;
  }
  table = new SharedSeenSet(m.table, ctrl);
  work();
});

/** Expands positions until the level is done, or pauses while the seen-set grows. */
function work(): void {
  let from = leftover?.from ?? 0;
  let to = leftover?.to ?? 0;
  leftover = undefined;
  for (;;) {
    if (from >= to) {
      from = Atomics.add(ctrl, C_CURSOR, BLOCK);
      if (from >= level.levelSize) break;
      to = Math.min(from + BLOCK, level.levelSize);
    }
    for (; from < to; from++) {
      if (Atomics.load(ctrl, C_PAUSE) === 1) {
        leftover = { from, to };
        post({ type: "paused", from, to });
        return;
      }
      try {
        expand(from);
      } catch (e) {
        finish({ pos: from, code: e instanceof McError ? e.code : "internal", message: e instanceof McError ? e.message : describeThrown(e), internal: !(e instanceof McError) });
        return;
      }
    }
  }
  finish();
}

function finish(error?: DoneMsg["error"]): void {
  const r = recs.take();
  const w = wins.take();
  const msg: DoneMsg = { type: "done", recs: r.buffer, recCount: r.count, wins: w.buffer, winCount: w.count, chunks: writer.endLevel(), ...(error ? { error } : {}) };
  post(msg, [r.buffer, w.buffer]);
}

function expand(pos: number): void {
  const s = stateAt(pos);
  const { actions } = model;
  let ord = 0;
  for (let a = 0; a < actions.length; a++) {
    let succ: readonly unknown[];
    try {
      succ = successorsOf(actions[a]!(s));
    } catch (e) {
      throw actionError(model, a, s, e);
    }
    for (let k = 0; k < succ.length; k++, ord++) {
      const t = succ[k];
      let len: number;
      try {
        len = enc.encode(t);
      } catch (e) {
        throw actionError(model, a, s, e, succ.length > 1 ? k : -1);
      }
      fingerprint(enc.buf.subarray(0, len));
      const local = table.insert(fpHi(), fpLo(), pos, level.base);
      if (table.won) {
        writer.write(enc.buf, len);
        wins.push4(local, writer.chunk, writer.offset, firstBroken(model, t));
        recs.push5(local, pos, ord, a, k);
      } else if (local >= 0 && table.lowered) {
        recs.push5(local, pos, ord, a, k);
      }
    }
  }
  gen[pos] = ord;
}

function stateAt(pos: number): unknown {
  const bytes = chunks.get(order[2 * pos]!)!;
  const off = order[2 * pos + 1]!;
  try {
    return dec.decode(bytes, off + 4);
  } catch (e) {
    if (!(e instanceof UnknownRecordType)) throw e;
    // Another worker encoded a Record type this one has not built: recompute the state by
    // replaying the spec along its recorded path, which builds (and registers) the type.
    const s = replay(model, new StateStore(false, level.store), level.firstId + pos).states.at(-1);
    enc.encode(s);
    return s;
  }
}

void boot();
