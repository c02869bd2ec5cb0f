// The canonical encoding: equal states (Immutable.is) give equal bytes and fingerprints,
// different states differ, non-states are rejected with a path, and decode inverts encode.
import { is, List, Map as IMap, OrderedMap, OrderedSet, Record, Set as ISet, Stack } from "immutable";
import { beforeAll, describe, expect, it } from "vitest";
import { Decoder } from "../../src/fingerprint/decode.js";
import { Encoder, NotAStateError } from "../../src/fingerprint/encode.js";
import { fingerprint, fpHi, fpLo, initHash } from "../../src/fingerprint/hash.js";
import { FAST } from "../../src/fingerprint/immutable-internals.js";

const enc = new Encoder();
const bytes = (v: unknown): string => Buffer.from(enc.buf.subarray(0, enc.encode(v))).toString("hex");
const fp = (v: unknown): string => {
  fingerprint(enc.buf.subarray(0, enc.encode(v)));
  return `${fpHi().toString(16)}:${fpLo().toString(16)}`;
};
const Pt = Record({ x: 0, y: 0 });
const Other = Record({ y: 0, x: 0 });

beforeAll(initHash);

describe("canonical encoding", () => {
  it("reads Immutable's internals on this version (the fast path is on)", () => {
    expect(FAST).toBe(true);
  });

  it("sorting identity keys by rank (symmetry) gives the bytes of sorting them by bytes, renamed or not", () => {
    // names of two lengths (the length comes first: t9 < t10 in bytes); ranks from the bytes
    const ids = Array.from({ length: 12 }, (_, i) => `t${i + 1}`);
    const key = (id: string): string => Buffer.from(enc.buf.subarray(0, enc.encode(id))).toString("latin1");
    const ranks = new Map([...ids].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((id, r) => [id, r]));
    expect([ranks.get("t9"), ranks.get("t10")]).toEqual([8, 9]);
    const ranked = new Encoder();
    ranked.ranks = ranks;
    // the ranks are what orders the keys: reversed, they reverse a Map
    const wrong = new Encoder();
    wrong.ranks = new Map([...ranks].map(([id, r]) => [id, -r]));
    const two = IMap([["t1", 0], ["t2", 1]]);
    expect(Buffer.from(wrong.buf.subarray(0, wrong.encode(two))).toString("hex")).not.toBe(bytes(two));
    const rotate = new Map(ids.map((id, i) => [id, ids[(i + 5) % ids.length]!]));
    for (let n = 1; n <= ids.length; n++) {
      const s = List([IMap(ids.slice(0, n).map((id, i) => [id, i % 3])), ISet(ids.slice(12 - n)), IMap([["x", 1], ...ids.slice(0, n).map((id) => [id, 2] as [string, number])])]);
      for (const rename of [null, rotate]) {
        enc.rename = ranked.rename = rename;
        const a = bytes(s);
        const b = Buffer.from(ranked.buf.subarray(0, ranked.encode(s))).toString("hex");
        enc.rename = ranked.rename = null;
        expect(b).toBe(a);
      }
    }
  });

  it("unordered Maps and Sets do not depend on insertion order", () => {
    const a = IMap<string, unknown>([["a", 1], ["b", 2], ["c", List([3])]]);
    const b = IMap<string, unknown>([["c", List([3])], ["a", 1], ["b", 2]]);
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(ISet([3, 1, 2]))).toBe(bytes(ISet([2, 3, 1])));
    expect(bytes(IMap({ k: ISet(["x", "y"]) }))).toBe(bytes(IMap({ k: ISet(["y", "x"]) })));
  });

  it("large unordered Maps and Sets with keys sharing long prefixes do not depend on insertion order", () => {
    // past Immutable's 8-entry array maps (hash order) and past the sort's in-order fast case
    const keys = Array.from({ length: 40 }, (_, i) => `gup${(i * 7) % 40}`);
    let seed = 7;
    const shuffled = (): string[] => {
      const a = [...keys];
      for (let i = a.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const j = seed % (i + 1);
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    };
    const map = (ks: readonly string[]): unknown => IMap(ks.map((k) => [k, IMap({ pc: k.length, held: ISet(keys.slice(0, 3)) })]));
    const want = bytes(map(keys));
    const wantSet = bytes(ISet(keys));
    for (let r = 0; r < 20; r++) {
      expect(bytes(map(shuffled()))).toBe(want);
      expect(bytes(ISet(shuffled()))).toBe(wantSet);
    }
    expect(bytes(ISet(keys.slice(1)))).not.toBe(wantSet);
  });

  it("ordered collections and lists keep their order", () => {
    expect(bytes(List([1, 2]))).not.toBe(bytes(List([2, 1])));
    expect(bytes(OrderedMap([["a", 1], ["b", 2]]))).not.toBe(bytes(OrderedMap([["b", 2], ["a", 1]])));
    expect(bytes(OrderedSet([1, 2]))).not.toBe(bytes(OrderedSet([2, 1])));
  });

  it("distinguishes what Immutable.is distinguishes", () => {
    const pairs: [unknown, unknown][] = [
      [IMap({ a: 1 }), OrderedMap({ a: 1 })],
      [ISet([1]), OrderedSet([1])],
      [List([1]), ISet([1])],
      [1, "1"],
      [true, 1],
      [null, false],
      [0, 0.5],
      [127, 128],
      [-1, 255],
      ["ab", "a"],
      [List(["a", "b"]), List(["ab"])],
      [Pt({ x: 1 }), Pt({ y: 1 })],
      [Pt({ x: 1 }), IMap({ x: 1, y: 0 })],
    ];
    for (const [a, b] of pairs) {
      expect(is(a, b)).toBe(false);
      expect(bytes(a)).not.toBe(bytes(b));
      expect(fp(a)).not.toBe(fp(b));
    }
  });

  it("identifies what Immutable.is identifies", () => {
    expect(bytes(0)).toBe(bytes(-0));
    expect(bytes(Pt({ x: 0 }))).toBe(bytes(Pt()));
    expect(bytes(Pt({ x: 2 }).set("x", 0))).toBe(bytes(Pt()));
    expect(bytes(List([1, 2, 3]).push(4).pop())).toBe(bytes(List([1, 2, 3])));
    expect(bytes(List([9, 1, 2]).shift())).toBe(bytes(List([1, 2])));
    const big = List(Array.from({ length: 100 }, (_, i) => i));
    expect(bytes(big.set(70, 5).set(70, 70))).toBe(bytes(big));
  });

  it("fingerprints are fixed across runs (seeded xxhash64 of the bytes)", () => {
    expect(fp(Pt({ x: 1, y: 2 }))).toBe(fp(Pt({ x: 1, y: 2 })));
    expect(fp(0)).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });
});

describe("non-states", () => {
  const cases: [string, unknown, RegExp][] = [
    ["NaN", NaN, /NaN/],
    ["undefined in a list", List([1, undefined]), /\[1\] is undefined/],
    ["plain object in a record field", Pt({ x: { a: 1 } as unknown as number }), /x is a plain object/],
    ["function", () => 1, /a function/],
    ["class instance", new (class Foo {})(), /class Foo/],
    ["Promise", Promise.resolve(1), /Promise/],
    ["symbol", Symbol("s"), /symbol/],
    ["JS Set", new Set([1]), /JS Set/],
    ["plain array", [1, 2], /plain Array/],
    ["lazy Seq", List([1]).toSeq().map((x) => x), /Seq/],
  ];
  for (const [what, v, msg] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => enc.encode(v)).toThrow(NotAStateError);
      expect(() => enc.encode(v)).toThrow(msg);
    });
  }
});

describe("decode", () => {
  it("inverts encode on every kind of value", () => {
    const values: unknown[] = [
      0, 1, 127, 128, -5, 2 ** 31 - 1, -(2 ** 31), 2 ** 40, 0.25, "", "héllo ✓", true, false, null,
      List([1, "a", null]), IMap({ a: 1, b: List([2]) }), OrderedMap([["z", 1], ["a", 2]]), ISet([3, 1]), OrderedSet(["b", "a"]),
      Stack([1, 2]), Pt({ x: 3 }), Other({ x: 1, y: 2 }), List(Array.from({ length: 70 }, (_, i) => i * 3)),
      IMap([[Pt({ x: 1 }), ISet([List([1])])]]),
    ];
    const dec = new Decoder();
    for (const v of values) {
      const n = enc.encode(v);
      const back = dec.decode(enc.buf.slice(0, n), 0);
      expect(is(back, v)).toBe(true);
      expect(bytes(back)).toBe(bytes(v));
    }
  });

  it("builds small Maps (an actor Map) directly, and they behave as the Maps the spec builds", () => {
    const dec = new Decoder();
    // 0, 1, 8 entries decode through the direct path, 9 through Immutable's constructor; a Map
    // that grew past 8 and shrank back is encoded through forEach, not its root's array.
    const grown = IMap(Array.from({ length: 12 }, (_, i) => [`k${i}`, i] as const)).filter((v) => v < 8);
    for (const n of [0, 1, 3, 8, 9]) {
      const m = IMap<string, unknown>(Array.from({ length: n }, (_, i) => [`gup${n - i}`, i % 2 === 0 ? "idle" : List([i])] as const));
      const back = dec.decode(enc.buf.slice(0, enc.encode(m)), 0) as typeof m;
      expect(IMap.isMap(back)).toBe(true);
      expect(is(back, m)).toBe(true);
      expect(back.hashCode()).toBe(m.hashCode());
      expect(bytes(back)).toBe(bytes(m));
      expect(is(back.set("gup1", "done"), m.set("gup1", "done"))).toBe(true);
      expect(is(back.delete("gup2"), m.delete("gup2"))).toBe(true);
      expect(back.get(`gup${n}`)).toBe(n > 0 ? "idle" : undefined);
    }
    expect(bytes(grown)).toBe(bytes(IMap([...grown.entries()].reverse())));
    expect(is(dec.decode(enc.buf.slice(0, enc.encode(grown)), 0), grown)).toBe(true);
  });

  it("rebuilds records of the spec's own type", () => {
    // Record types are registered per process by their field names, first come first kept; npm
    // test runs files in one process (--no-isolate), where another file's { x, y } may come
    // first: this type's field names are its own
    const Own = Record({ ownX: 0, ownY: 0 });
    const dec = new Decoder();
    const n = enc.encode(Own({ ownX: 4 }));
    const back = dec.decode(enc.buf.slice(0, n), 0) as ReturnType<typeof Own>;
    expect(back).toBeInstanceOf(Own);
    expect(back.ownX).toBe(4);
  });
});

describe("the fingerprint hash", () => {
  it("is xxHash64 with mc's fixed seed: the known digest of the empty input at seed 0 and a stable one at ours", async () => {
    const xxhash = (await import("xxhash-wasm")).default;
    const { h64Raw } = await xxhash();
    expect(h64Raw(new Uint8Array(0), 0n)).toBe(0xef46db3751d8e999n); // xxHash64's reference value
    fingerprint(new Uint8Array([1, 2, 3]));
    const once = [fpHi(), fpLo()];
    fingerprint(new Uint8Array([1, 2, 3]));
    expect([fpHi(), fpLo()]).toEqual(once);
  });

  it("hashes only the first len bytes, whatever follows them", () => {
    const a = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 99]);
    const b = a.slice(0, 17);
    fingerprint(a, 17);
    const first = [fpHi(), fpLo()];
    fingerprint(b);
    expect([fpHi(), fpLo()]).toEqual(first);
    fingerprint(a);
    expect([fpHi(), fpLo()]).not.toEqual(first);
  });
});
