// A worker's checkpoints: after each level, the states it owns that the level found (its
// seen-set delta, which is also its next frontier: fingerprint, parent fingerprint, action,
// successor index, path key, canonical bytes), one file per depth, written whole or not at all.
// A restarted worker reads the files up to the level the coordinator names, never beyond.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { McError } from "../result/errors.js";

export interface DeltaState {
  hi: number;
  lo: number;
  phi: number;
  plo: number;
  /** -1 for an initial state (then `succ` is its index in init). */
  action: number;
  succ: number;
  key: Uint8Array;
  bytes: Uint8Array;
}

const fileOf = (dir: string, depth: number): string => join(dir, `depth-${String(depth).padStart(5, "0")}.bin`);

/** Writes the states of `depth` (in path-key order) to `dir`, atomically. */
export function writeDelta(dir: string, depth: number, states: readonly DeltaState[]): void {
  mkdirSync(dir, { recursive: true });
  let size = 4;
  for (const s of states) size += 32 + s.key.length + s.bytes.length;
  const buf = Buffer.alloc(size);
  let p = buf.writeUInt32LE(states.length, 0);
  for (const s of states) {
    p = buf.writeInt32LE(s.hi | 0, p);
    p = buf.writeInt32LE(s.lo | 0, p);
    p = buf.writeInt32LE(s.phi | 0, p);
    p = buf.writeInt32LE(s.plo | 0, p);
    p = buf.writeInt32LE(s.action | 0, p);
    p = buf.writeInt32LE(s.succ | 0, p);
    p = buf.writeUInt32LE(s.key.length, p);
    buf.set(s.key, p);
    p += s.key.length;
    p = buf.writeUInt32LE(s.bytes.length, p);
    buf.set(s.bytes, p);
    p += s.bytes.length;
  }
  const tmp = `${fileOf(dir, depth)}.${process.pid}.tmp`;
  writeFileSync(tmp, buf.subarray(0, p));
  renameSync(tmp, fileOf(dir, depth));
}

/** The states of `depth`, as written; MC071 if the file is missing or cut short. */
export function readDelta(dir: string, depth: number): DeltaState[] {
  const f = fileOf(dir, depth);
  if (!existsSync(f)) {
    throw new McError("MC071", `checkpoint ${f} is missing: this worker cannot resume the run at depth ${depth}. Start it with the checkpoint folder it wrote (--checkpoint-dir), or start the run afresh under a new --run id.`);
  }
  const buf = readFileSync(f);
  const out: DeltaState[] = [];
  try {
    let p = 4;
    for (let n = buf.readUInt32LE(0); n > 0; n--) {
      const s = { hi: buf.readInt32LE(p), lo: buf.readInt32LE(p + 4), phi: buf.readInt32LE(p + 8), plo: buf.readInt32LE(p + 12), action: buf.readInt32LE(p + 16), succ: buf.readInt32LE(p + 20) };
      const kl = buf.readUInt32LE(p + 24);
      p += 28;
      const key = new Uint8Array(buf.subarray(p, p + kl));
      p += kl;
      const bl = buf.readUInt32LE(p);
      p += 4;
      if (p + bl > buf.length) throw new RangeError("cut short");
      out.push({ ...s, key, bytes: new Uint8Array(buf.subarray(p, p + bl)) });
      p += bl;
    }
  } catch {
    throw new McError("MC071", `checkpoint ${f} is cut short or damaged; start the run afresh under a new --run id.`);
  }
  return out;
}
