// Fast read access to the elements of small Immutable Lists, Maps and Records, through
// Immutable's internal fields. This is the encoder's hot path: List.get(i) and Record.get(k) cost
// a trie walk or a map lookup per element, Map.forEach a closure per entry. The layout is verified once at load against the public API; if
// a future Immutable changes it, FAST is false and the encoder uses the public API instead.

import { is, List, Map as IMap, Record } from "immutable";

interface ListInternals {
  readonly size: number;
  readonly _origin: number;
  readonly _capacity: number;
  readonly _tail?: { readonly array: readonly unknown[] } | null;
}

/** The elements of a List of at most 32 elements starting at origin 0, or undefined. */
export function smallListArray(l: object): readonly unknown[] | undefined {
  const x = l as ListInternals;
  if (x._origin !== 0 || x._capacity !== x.size || x.size > 32) return undefined;
  return x._tail?.array;
}

interface RecordInternals {
  readonly _values: object;
}

/** A Record's values in key order, with `undefined` standing for "the default". */
export function recordValues(r: object): readonly unknown[] | undefined {
  return smallListArray((r as RecordInternals)._values);
}

/**
 * Builds a Record of the type whose prototype is `proto` directly from its values in key order,
 * as Immutable's own makeRecord does (what every Record.set returns), skipping the constructor's
 * keyed-collection walk. The fields are added in makeRecord's order, so that decoded records
 * share a hidden class with the records the spec's own updates make, and the property accesses
 * in Immutable and in the spec see one shape fewer.
 */
export function recordFromValues(proto: object, values: unknown[]): object {
  const r = Object.create(proto) as { _values: unknown; __ownerID: undefined };
  r._values = List(values);
  r.__ownerID = undefined;
  return r;
}

interface MapInternals {
  readonly size: number;
  readonly _root?: { readonly entries?: readonly (readonly [unknown, unknown])[] } | null;
}

/**
 * The entries of a Map whose root holds them all in one array (an ArrayMapNode: at most 8
 * entries), in the Map's own order, or undefined. A root array as long as the Map is all of it.
 */
export function smallMapEntries(m: object): readonly (readonly [unknown, unknown])[] | undefined {
  const x = m as MapInternals;
  const e = x._root?.entries;
  return e !== undefined && e.length === x.size ? e : undefined;
}

// Immutable's own Map prototype and small-Map node, taken from a Map it built.
const MAP_PROTO = Object.getPrototypeOf(IMap([["k", 0]])) as object;
const ARRAY_NODE = (IMap([["k", 0]]) as unknown as { _root: { constructor: new (owner: undefined, entries: unknown[][]) => object } })._root.constructor;

/** Immutable's brand properties: a value carrying one is a Record, a List. */
export const IS_RECORD = "@@__IMMUTABLE_RECORD__@@";
export const IS_LIST = "@@__IMMUTABLE_LIST__@@";

/** The most entries Immutable keeps in one ArrayMapNode (MAX_ARRAY_MAP_SIZE). */
export const SMALL_MAP = 8;

/**
 * Builds a Map of at most SMALL_MAP entries with distinct keys directly, as Immutable's makeMap
 * does (fields in its order, for one hidden class), skipping the constructor's Seq walk: the
 * decoder's Maps are most often actor Maps of a few entries.
 */
export function smallMapFromPairs(pairs: [unknown, unknown][]): object {
  if (pairs.length === 0) return IMap();
  const m = Object.create(MAP_PROTO) as { size: number; _root: object; __ownerID: undefined; __hash: undefined; __altered: boolean };
  m.size = pairs.length;
  m._root = new ARRAY_NODE(undefined, pairs);
  m.__ownerID = undefined;
  m.__hash = undefined;
  m.__altered = false;
  return m;
}

function verify(): boolean {
  try {
    const l = List([3, 1, 4, 1, 5]).set(2, 9).push(2).pop().push(7);
    const shifted = smallListArray(List([1, 2]).shift());
    if (shifted !== undefined && shifted[0] !== 2) return false;
    const a = smallListArray(l);
    if (!a || l.size !== 6 || !l.every((v, i) => a[i] === v)) return false;
    const R = Record({ x: 1, y: "a", z: false });
    const r = R({ y: "b" }).set("z", true);
    const vals = recordValues(r);
    if (!vals) return false;
    const keys = ["x", "y", "z"] as const;
    const defaults = { x: 1, y: "a", z: false };
    if (!keys.every((k, i) => (vals[i] === undefined ? defaults[k] : vals[i]) === r.get(k))) return false;
    const built = recordFromValues(Object.getPrototypeOf(r), [1, "b", true]) as typeof r;
    if (!(is(built, r) && built instanceof R && built.set("x", 5).x === 5 && built.toJS().z === true)) return false;
    // Entries, when given, are the whole Map (a hashed Map shrunk back under 8 is not one array).
    const big = IMap(Array.from({ length: SMALL_MAP + 1 }, (_, i) => [`k${i}`, i] as const));
    for (const x of [big, big.delete("k0").delete("k1"), IMap<string, number>()]) {
      const e = smallMapEntries(x);
      if (e !== undefined && (e.length !== x.size || !e.every(([k, v]) => x.get(k as string) === v))) return false;
    }
    const m = IMap([["a", 1], ["b", 2]]).set("c", 3).delete("a");
    const me = smallMapEntries(m);
    if (!me || me.length !== 2 || !me.every(([k, v]) => m.get(k as string) === v)) return false;
    const made = smallMapFromPairs([["c", 3], ["b", 2]]) as IMap<string, number>;
    return IMap.isMap(made) && is(made, m) && made.set("d", 4).get("d") === 4 && made.delete("b").size === 1 && made.get("c") === 3 && made.hashCode() === m.hashCode();
  } catch {
    return false;
  }
}

export const FAST = verify();
