// Record types seen while encoding, by a deterministic id derived from their field names, so
// that the encoding is the same in every run and every worker and the decoder can rebuild a
// Record of the spec's own type from bytes.

import type { Record as IRecord } from "immutable";
import { FAST, recordFromValues } from "./immutable-internals.js";

export interface RecordType {
  readonly id: number;
  readonly keys: readonly string[];
  /** The declared defaults: Immutable stores a field left at its default as undefined. */
  readonly defaults: { readonly [k: string]: unknown };
  /** Builds a Record of this type from its values in key order. */
  readonly make: (values: unknown[]) => IRecord<object>;
}

/** Where a prototype caches its RecordType: a property lookup is cheaper than a Map's. */
const TYPE = Symbol("mc.recordType");

const byId = new Map<number, RecordType>();

/** The record type of a Record instance, registering it on first sight. */
export function recordTypeOf(rec: object): RecordType {
  const proto = Object.getPrototypeOf(rec) as { _keys?: string[]; _defaultValues?: object; constructor: (v: object) => IRecord<object>; [TYPE]?: RecordType };
  let t = proto[TYPE];
  if (t !== undefined) return t;
  const keys = proto._keys ?? Object.keys((rec as { toObject(): object }).toObject());
  const id = idOfKeys(keys);
  const known = byId.get(id);
  if (known !== undefined && known.keys.join("\0") !== keys.join("\0")) {
    throw new Error(`two Record types hash to the same id (${known.keys.join(",")} / ${keys.join(",")}); rename a field`);
  }
  const ctor = proto.constructor;
  const defaults = (proto._defaultValues ?? (rec as { toObject(): object }).toObject()) as { [k: string]: unknown };
  // Each type keeps its own defaults; types with the same fields share one id (Immutable.is
  // calls their records equal), and the first one seen is what the decoder builds.
  const make = (values: unknown[]): IRecord<object> =>
    FAST ? (recordFromValues(proto, values) as IRecord<object>) : ctor(Object.fromEntries(keys.map((k, i) => [k, values[i]])));
  t = { id, keys, defaults, make: known?.make ?? make };
  Object.defineProperty(proto, TYPE, { value: t, enumerable: false });
  if (known === undefined) byId.set(id, t);
  return t;
}

export function recordTypeById(id: number): RecordType | undefined {
  return byId.get(id);
}

/** FNV-1a over the field names: Immutable.is treats records with the same fields as equal. */
function idOfKeys(keys: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const k of keys) {
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x2c, 0x01000193);
  }
  return h >>> 0;
}
