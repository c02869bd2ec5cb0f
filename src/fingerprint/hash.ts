// 64-bit fingerprints: MurmurHash3 (x86, 128-bit variant; its first two words) of the canonical
// encoding with a fixed seed, so that the same state has the same fingerprint in every run and
// every worker. Plain 32-bit JavaScript arithmetic: measured at about 40-60 ns for a devpriv
// state where xxHash64 through wasm cost about 360 ns (a copy into wasm memory, a BigInt per
// call and a subarray per state), a tenth of the whole search on specs/devpriv-plain.ts.

/** mc's fixed seed; changing it changes every fingerprint (never a count, barring collisions). */
const SEED = 0x6d635f76;

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/** The last fingerprint's words (h1..h4 of MurmurHash3_x86_128); read with fpHi()/fpLo(). */
const OUT = new Int32Array(4);

/** Kept for callers that await it: the hash needs no loading any more. */
export async function initHash(): Promise<void> {}

/** The fingerprint of the first `len` bytes of `bytes`; read the halves with fpHi()/fpLo() right after. */
export function fingerprint(bytes: Uint8Array, len = bytes.length): void {
  murmur3x86x128(bytes, len, SEED);
}

export function fpHi(): number {
  return OUT[0]! >>> 0;
}

export function fpLo(): number {
  return OUT[1]! >>> 0;
}

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const word = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);

/** Austin Appleby's MurmurHash3_x86_128 (SMHasher), all four words into OUT. */
export function murmur3x86x128(b: Uint8Array, len: number, seed: number): Int32Array {
  let h1 = seed | 0, h2 = seed | 0, h3 = seed | 0, h4 = seed | 0;
  const blocks = len & ~15;
  for (let i = 0; i < blocks; i += 16) {
    h1 ^= Math.imul(rotl(Math.imul(word(b, i), C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(word(b, i + 4), C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(word(b, i + 8), C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(word(b, i + 12), C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The tail: up to 15 bytes, little-endian into k1..k4.
  const t = len & 15;
  if (t > 0) {
    let k1 = 0, k2 = 0, k3 = 0, k4 = 0;
    for (let j = t - 1; j >= 0; j--) {
      const x = b[blocks + j]! << ((j & 3) * 8);
      if (j >= 12) k4 ^= x;
      else if (j >= 8) k3 ^= x;
      else if (j >= 4) k2 ^= x;
      else k1 ^= x;
    }
    if (t > 12) h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    if (t > 8) h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    if (t > 4) h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);
  }
  h1 ^= len; h2 ^= len; h3 ^= len; h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  h1 = fmix(h1); h2 = fmix(h2); h3 = fmix(h3); h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  OUT[0] = h1; OUT[1] = h2; OUT[2] = h3; OUT[3] = h4;
  return OUT;
}
