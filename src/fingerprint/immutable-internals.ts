// Fast read access to the elements of small Immutable Lists and of Records, through Immutable's
// internal fields. This is the encoder's hot path: List.get(i) and Record.get(k) cost a trie walk
// or a map lookup per element. The layout is verified once at load against the public API; if
// a future Immutable changes it, FAST is false and the encoder uses the public API instead.

import { is, List, Record } from "immutable";

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
    return is(built, r) && built instanceof R && built.set("x", 5).x === 5 && built.toJS().z === true;
  } catch {
    return false;
  }
}

export const FAST = verify();
