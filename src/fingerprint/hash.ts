// 64-bit fingerprints: xxHash64 (xxhash-wasm) of the canonical encoding with a fixed seed, so
// the same state has the same fingerprint in every run and every worker. The result is split
// into two uint32 halves through a shared buffer: the seen-set stores numbers, not BigInts.
// (A MurmurHash3 in plain JavaScript measured about 40 ns a state against xxhash-wasm's 130 ns,
// the BigInt and the copy into wasm memory; xxhash-wasm is the project's chosen dependency.)

import xxhash from "xxhash-wasm";

/** mc's fixed seed; changing it changes every fingerprint (and so no recorded count). */
const SEED = 0x6d635f66705f7631n;

type H64 = (input: Uint8Array, seed?: bigint) => bigint;
let h64: H64 | undefined;

/** Loads the wasm hasher once per thread; every check() awaits it before exploring. */
export async function initHash(): Promise<void> {
  if (h64 === undefined) h64 = (await xxhash()).h64Raw;
}

const BIG = new BigUint64Array(1);
const HALVES = new Uint32Array(BIG.buffer);

/** The fingerprint of bytes[from .. from+len); read the halves with fpHi()/fpLo() right after. */
export function fingerprint(bytes: Uint8Array, len = bytes.length, from = 0): void {
  BIG[0] = h64!(from === 0 && len === bytes.length ? bytes : bytes.subarray(from, from + len), SEED);
}

export function fpHi(): number {
  return HALVES[1]!;
}

export function fpLo(): number {
  return HALVES[0]!;
}
