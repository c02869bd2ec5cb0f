// Automorphisms of a state, as the canonicaliser uses them: a hash of the state under a renaming
// (equal for the state and an automorphic image; a function of the renamed value, so unequal
// hashes prove two renamed states different), and the orbits of the automorphisms found so far,
// which prune the branches that would only repeat one already explored.

import { ID, LEAF, ORD, fmix, mix, type TNode } from "./template.js";

/**
 * `g` is mapped onto an identity already tried by the automorphisms that fix `fixed`: the
 * permutations `autos` and the transpositions `swaps` (pairs u, v flattened).
 */
export function sameOrbit(autos: readonly Int32Array[], swaps: readonly number[], g: number, tried: readonly number[], fixed: readonly number[], cell: readonly number[]): boolean {
  // Union-find over the cell's members in a typed array (-1: not in the cell). An image outside
  // the cell joins nothing: fewer unions only prune less, never wrongly.
  let size = 0;
  for (const x of cell) if (x >= size) size = x + 1;
  const root = new Int32Array(size).fill(-1);
  for (const x of cell) root[x] = x;
  for (const p of autos) {
    if (!fixed.every((f) => p[f] === f)) continue;
    for (const x of cell) join(root, x, p[x]!);
  }
  for (let i = 0; i < swaps.length; i += 2) {
    const u = swaps[i]!;
    const v = swaps[i + 1]!;
    if (!fixed.includes(u) && !fixed.includes(v)) join(root, u, v);
  }
  const r = find(root, g);
  for (const t of tried) if (find(root, t) === r) return true;
  return false;
}

function join(root: Int32Array, u: number, v: number): void {
  if (u >= root.length || v >= root.length || root[u]! < 0 || root[v]! < 0) return;
  const a = find(root, u);
  const b = find(root, v);
  if (a !== b) root[a < b ? b : a] = a < b ? a : b;
}

function find(root: Int32Array, x: number): number {
  while (root[x] !== x) x = root[x]!;
  return x;
}

/** The hash of the state with identity g renamed to global index pos[g]: a function of the renamed value. */
export function hashAs(n: TNode, pos: Int32Array): number {
  if (n.k === LEAF) return n.h;
  if (n.k === ID) return fmix(0x2f6b1c35 + pos[n.id]!);
  const kids = n.kids;
  if (n.k === ORD) {
    let h = n.id;
    for (let i = 0; i < kids.length; i++) h = mix(h, hashAs(kids[i]!, pos));
    return fmix(h);
  }
  let sum = 0;
  for (let i = 0; i < kids.length; i++) sum = (sum + fmix(hashAs(kids[i]!, pos) ^ 0x2545f491)) | 0;
  return fmix(mix(n.id, sum));
}

export function identity(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}

/** Byte order, shorter first on a common prefix: any fixed total order would do. */
export function compare(a: Uint8Array, alen: number, b: Uint8Array, boff: number, blen: number): number {
  const n = Math.min(alen, blen);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[boff + i]!;
    if (d !== 0) return d;
  }
  return alen - blen;
}
