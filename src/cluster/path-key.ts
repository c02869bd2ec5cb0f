// A state's place in the one-machine BFS order, without a global counter: its path key, the
// ordinals along its least path (initial-state index, then at each step the successor's index
// among all of its parent's successors in action order), each in an order-preserving prefix
// varint. Within a level, one worker admits states in exactly the byte order of these keys, so
// an owner can compare candidates from any sender without asking anyone.

import { Canonicalizer } from "../fingerprint/canonical.js";
import type { Model } from "../model/compile.js";
import { successorsOf } from "../model/successors.js";

/** Bytes after every successor's code, for the events that come after all of a parent's children (deadlock, spec error). */
export const AFTER_CHILDREN = 0xff;

/** Appends `v` (< 2^28) as 1-4 bytes whose first byte's leading ones give the length: byte order is numeric order. */
export function appendOrdinal(key: Uint8Array, v: number): Uint8Array {
  if (v < 0 || v >= 1 << 28) throw new Error(`path key: ordinal ${v} out of range`);
  const n = v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : 4;
  const out = new Uint8Array(key.length + n);
  out.set(key);
  const p = key.length;
  if (n === 1) out[p] = v;
  else if (n === 2) out.set([0x80 | (v >>> 8), v & 0xff], p);
  else if (n === 3) out.set([0xc0 | (v >>> 16), (v >>> 8) & 0xff, v & 0xff], p);
  else out.set([0xe0 | (v >>> 24), (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff], p);
  return out;
}

/** The ordinals of a key. */
export function ordinals(key: Uint8Array): number[] {
  const out: number[] = [];
  for (let p = 0; p < key.length; ) {
    const b = key[p]!;
    if (b < 0x80) out.push(b), (p += 1);
    else if (b < 0xc0) out.push(((b & 0x3f) << 8) | key[p + 1]!), (p += 2);
    else if (b < 0xe0) out.push(((b & 0x1f) << 16) | (key[p + 1]! << 8) | key[p + 2]!), (p += 3);
    else out.push(((b & 0x0f) << 24) | (key[p + 1]! << 16) | (key[p + 2]! << 8) | key[p + 3]!), (p += 4);
  }
  return out;
}

/** Byte order; a proper prefix comes first. */
export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function keyHex(k: Uint8Array): string {
  return Buffer.from(k.buffer, k.byteOffset, k.length).toString("hex");
}

export function keyOfHex(h: string): Uint8Array {
  return new Uint8Array(Buffer.from(h, "hex"));
}

/**
 * The state a key names, recomputed by running the spec from its initial state (in canonical
 * form at every step, as the search expands states): how a worker builds a Record type it has
 * only seen as bytes, and how a trace's steps are found. Null if the spec no longer gives it.
 */
export function stateAtKey(model: Model, key: Uint8Array): { state: unknown; steps: { action: number; succ: number }[] } | null {
  const [init, ...ords] = ordinals(key);
  const canon = new Canonicalizer();
  if (init === undefined || init >= model.init.length) return null;
  let s = canon.of(model.init[init]);
  const steps: { action: number; succ: number }[] = [];
  for (let o of ords) {
    let found = false;
    for (let a = 0; a < model.actions.length && !found; a++) {
      const succ = successorsOf(model.actions[a]!(s));
      if (o < succ.length) {
        s = canon.of(succ[o]);
        steps.push({ action: a, succ: o });
        found = true;
      } else o -= succ.length;
    }
    if (!found) return null;
  }
  return { state: s, steps };
}
