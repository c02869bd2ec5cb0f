// Property-based: the canonical keys replay matches states by. For random Immutable values:
// equal values (Immutable.is) get equal keys, before and after a trip through ITF's JSON text;
// and among List/Set/Map/Record values, equal keys mean equal values.
import fc from "fast-check";
import { is, List, Map as IMap, OrderedMap, OrderedSet, Record, Set as ISet, Stack } from "immutable";
import { describe, expect, it } from "vitest";
import { toItfValue } from "../../src/report/itf.js";
import { canonItf } from "../../src/replay/canonical.js";

const R = Record({ a: false as unknown, b: 0 as unknown });
const key = (v: unknown): string => canonItf(toItfValue(v));
const viaText = (v: unknown): string => canonItf(JSON.parse(JSON.stringify(toItfValue(v))));

const prim = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(2 ** 53, -(2 ** 60), 0.5, -0, NaN), fc.boolean(), fc.constantFrom("a", "b", ""), fc.constant(null));

function values(ordered: boolean): fc.Arbitrary<unknown> {
  const { v } = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      prim,
      fc.array(tie("v"), { maxLength: 3 }).map((xs) => List(xs)),
      fc.array(prim, { maxLength: 4 }).map((xs) => ISet(xs)),
      fc.array(fc.tuple(prim, tie("v")), { maxLength: 3 }).map((kv) => IMap(kv)),
      fc.tuple(tie("v"), tie("v")).map(([a, b]) => R({ a, b })),
      ...(ordered
        ? [
            fc.array(tie("v"), { maxLength: 3 }).map((xs) => Stack(xs)),
            fc.array(prim, { maxLength: 4 }).map((xs) => OrderedSet(xs)),
            fc.array(fc.tuple(prim, tie("v")), { maxLength: 3 }).map((kv) => OrderedMap(kv)),
          ]
        : []),
    ),
  }));
  return v;
}

describe("canonical keys of recorded states", () => {
  it("equal values, equal keys; the same key after the trip through JSON text", () => {
    fc.assert(
      fc.property(values(true), (v) => {
        expect(viaText(v)).toBe(key(v));
        // the same collection built in another insertion order
        const shuffled = ISet.isSet(v) ? ISet([...(v as ISet<unknown>)].reverse()) : IMap.isMap(v) ? IMap([...(v as IMap<unknown, unknown>)].reverse()) : v;
        if (is(shuffled, v)) expect(key(shuffled)).toBe(key(v));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("among List, Set, Map and Record values: equal keys exactly when Immutable.is", () => {
    fc.assert(
      fc.property(values(false), values(false), (a, b) => {
        expect(key(a) === key(b)).toBe(is(a, b));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
