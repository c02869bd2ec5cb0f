// fast-check arbitraries for random spec descriptions (see random-spec.ts): shapes within mc's
// contract (Records, Lists, Sets, Maps, OrderedSets, OrderedMaps, nested; strings, numbers,
// booleans, null; no Stack, no two Record types with the same fields), small abstract machines.
import fc from "fast-check";
import type { ActionDesc, Shape, SpecDesc } from "./random-spec.js";

const digit = { div: fc.constantFrom(1, 1, 2, 4), mod: fc.integer({ min: 2, max: 12 }) };
const setDigit = { div: fc.constantFrom(1, 2, 3), mod: fc.integer({ min: 2, max: 32 }) };

const leaf: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ t: fc.constant("int" as const), style: fc.constantFrom("small", "neg", "big", "float", "negzero"), ...digit }),
  fc.record({ t: fc.constant("str" as const), ...digit }),
  fc.record({ t: fc.constant("bool" as const), ...digit }),
  fc.record({ t: fc.constant("nullable" as const), ...digit }),
  fc.record({ t: fc.constantFrom("set" as const, "orderedSet" as const), elem: fc.constantFrom("num" as const, "str" as const), ...setDigit }),
);

function shape(depth: number): fc.Arbitrary<Shape> {
  if (depth === 0) return leaf;
  const inner = shape(depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 2 },
    { arbitrary: fc.record({ t: fc.constant("record" as const), name: fc.constant(""), fields: fc.array(inner, { minLength: 1, maxLength: 3 }), sparse: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant("list" as const), items: fc.array(inner, { maxLength: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constantFrom("map" as const, "orderedMap" as const), value: inner, ...setDigit }), weight: 2 },
  );
}

/** Names every record node r0, r1, ... so that two Record types never share their fields. */
function named(s: Shape, next = { n: 0 }): Shape {
  if (s.t === "record") return { ...s, name: `r${next.n++}`, fields: s.fields.map((f) => named(f, next)) };
  if (s.t === "list") return { ...s, items: s.items.map((f) => named(f, next)) };
  if (s.t === "map" || s.t === "orderedMap") return { ...s, value: named(s.value, next) };
  return s;
}

export const specDesc: fc.Arbitrary<SpecDesc> = fc.integer({ min: 1, max: 40 }).chain((n) => {
  const state = fc.integer({ min: 0, max: n - 1 });
  // Targets mostly a few states ahead, so that behaviours are long and violations deep.
  const step = fc.integer({ min: -2, max: 4 });
  const action: fc.Arbitrary<ActionDesc> = fc.record({
    ret: fc.constantFrom("one" as const, "array" as const, "gen" as const, "iter" as const, "iter" as const),
    succ: fc.array(fc.array(step, { maxLength: 3, size: "max" }), { minLength: n, maxLength: n }).map((all) => all.map((ts, i) => ts.map((o) => (((i + o) % n) + n) % n))),
  });
  return fc.record({
    n: fc.constant(n),
    // half the time an exact counter of the abstract state sits next to the random shape, so
    // that most abstract states stay distinct values
    shape: fc.tuple(shape(3), fc.boolean()).map(([s, counted]) => named(counted ? { t: "list", items: [{ t: "int", style: "small", div: 1, mod: 64 }, s] } : s)),
    init: fc.array(fc.integer({ min: 0, max: Math.min(2, n - 1) }), { minLength: 1, maxLength: 3 }),
    actions: fc.array(action, { minLength: 1, maxLength: 4 }),
    invariants: fc.array(fc.array(fc.integer({ min: Math.floor(n / 2), max: n - 1 }), { maxLength: 2 }), { maxLength: 2 }),
    deadlock: fc.constantFrom(false, false, false, true),
  });
});
