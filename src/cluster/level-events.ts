// The events of a level, each at the path key where one machine meets it: an invariant broken by
// a new state (its own key), a deadlocked parent or a spec error while expanding it (the
// parent's key followed by AFTER_CHILDREN: after all of its successors).

import { thrown } from "../result/errors.js";
import type { DeltaState } from "./checkpoint.js";
import { AFTER_CHILDREN, keyHex, ordinals } from "./path-key.js";
import type { LevelEvent } from "./protocol.js";

export function afterChildren(key: Uint8Array): Uint8Array {
  const k = new Uint8Array(key.length + 1);
  k.set(key);
  k[key.length] = AFTER_CHILDREN;
  return k;
}

/** A key without its last ordinal: the parent's key. */
export function parentKeyOf(key: Uint8Array): Uint8Array {
  let p = 0;
  let last = 0;
  while (p < key.length) {
    const b = key[p]!;
    last = b < 0x80 ? 1 : b < 0xc0 ? 2 : b < 0xe0 ? 3 : 4;
    p += last;
  }
  return key.subarray(0, key.length - last);
}

export function invariantEvent(st: DeltaState, invariant: number): LevelEvent {
  return { key: keyHex(st.key), parentKey: keyHex(parentKeyOf(st.key)), kind: "invariant", invariant, hi: st.hi, lo: st.lo, ord: ordinals(st.key).at(-1)! };
}

export function deadlockEvent(p: DeltaState): LevelEvent {
  return { key: keyHex(afterChildren(p.key)), parentKey: keyHex(p.key), kind: "deadlock", invariant: -1, hi: p.hi, lo: p.lo, ord: 0 };
}

export function errorEvent(key: Uint8Array, parentKey: Uint8Array, e: unknown): LevelEvent {
  const { code, message } = thrown(e);
  return { key: keyHex(key), parentKey: keyHex(parentKey), kind: "error", invariant: -1, hi: 0, lo: 0, ord: 0, code, message };
}
