// Path keys: byte order is the numeric order of the ordinal sequences (what lets an owner pick
// one machine's first arrival), and a key decodes back to its ordinals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendOrdinal, compareKeys, ordinals } from "../../src/cluster/path-key.js";

const keyOf = (ords: readonly number[]): Uint8Array => ords.reduce<Uint8Array>((k, o) => appendOrdinal(k, o), new Uint8Array(0));
const ord = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: (1 << 28) - 1 }));

describe("path keys", () => {
  it("compare as their ordinal sequences do (same length), and decode back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(ord, { minLength: n, maxLength: n }), fc.array(ord, { minLength: n, maxLength: n }))), ([a, b]) => {
        const lex = a.findIndex((x, i) => x !== b[i]);
        const want = lex < 0 ? 0 : Math.sign(a[lex]! - b[lex]!);
        expect(Math.sign(compareKeys(keyOf(a), keyOf(b)))).toBe(want);
        expect(ordinals(keyOf(a))).toEqual(a);
      }),
    );
  });

  it("uses 1 to 4 bytes an ordinal at the code boundaries, and refuses 2^28", () => {
    expect([0, 127, 128, 16383, 16384, 2097151, 2097152, (1 << 28) - 1].map((v) => appendOrdinal(new Uint8Array(0), v).length)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(() => appendOrdinal(new Uint8Array(0), 1 << 28)).toThrow(/out of range/);
  });
});
