// The Informal Trace Format (ITF, Apalache ADR-015; read by Quint and Apalache): a counterexample
// as { "#meta", vars, states, loop? }. Immutable values map to ITF expressions one way here; the
// replay reader (src/replay/) compares recorded expressions with the spec's own successors.

import { isImmutable, isIndexed, isKeyed, isList, isMap, isRecord, isSet, isStack, isOrderedSet } from "immutable";
import type { CheckResult } from "../result/result.js";

/** An ITF expression. */
export type ItfValue = boolean | string | number | readonly ItfValue[] | { readonly [k: string]: ItfValue };

export const ITF_SPEC = "https://apalache-mc.org/docs/adr/015adr-trace.html";

/**
 * How mc's states become ITF's records of variables: a Record's fields are the variables; a Map
 * whose keys are the same strings in every state of the trace too; anything else (a number, a
 * List, a Map with other keys) is wrapped in one variable named `state`.
 */
export type StateShape = "record" | "map" | "wrapped";

/**
 * One value as an ITF expression. ITF has no null, no fractions and no NaN: those are written
 * as {"#unserializable": String(v)} ("null", "1.5", "NaN"), which mc's reader turns back.
 */
export function toItfValue(v: unknown): ItfValue {
  if (v === null) return { "#unserializable": "null" };
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") {
    if (!Number.isInteger(v)) return { "#unserializable": String(v) };
    return Number.isSafeInteger(v) ? v : { "#bigint": BigInt(v).toString() };
  }
  if (typeof v === "bigint") return { "#bigint": v.toString() };
  if (isRecord(v)) {
    const out: { [k: string]: ItfValue } = {};
    // (forEach stops at a callback that returns false: a block, not an assignment expression)
    (v as unknown as { toSeq(): { forEach(f: (x: unknown, k: string) => void): void } }).toSeq().forEach((x, k) => {
      out[k] = toItfValue(x);
    });
    return out;
  }
  if (isSet(v) || isOrderedSet(v)) return { "#set": [...(v as Iterable<unknown>)].map(toItfValue) };
  if (isMap(v) || (isImmutable(v) && isKeyed(v))) {
    return { "#map": [...(v as unknown as Iterable<[unknown, unknown]>)].map(([k, x]) => [toItfValue(k), toItfValue(x)]) };
  }
  if (isList(v) || isStack(v) || (isImmutable(v) && isIndexed(v))) return [...(v as Iterable<unknown>)].map(toItfValue);
  return { "#unserializable": String(v) };
}

/** The shape shared by every state of a trace (see StateShape). */
export function shapeOf(states: readonly unknown[]): { shape: StateShape; vars: string[] } {
  const first = states[0];
  if (isRecord(first)) {
    const vars = Object.keys((first as unknown as { toObject(): object }).toObject());
    if (states.every((s) => isRecord(s) && sameKeys(Object.keys((s as unknown as { toObject(): object }).toObject()), vars))) return { shape: "record", vars };
  }
  if (isMap(first)) {
    const vars = [...(first as unknown as { keys(): Iterable<unknown> }).keys()];
    const strings = vars.every((k) => typeof k === "string" && !k.startsWith("#")) && vars.length > 0;
    if (strings && states.every((s) => isMap(s) && sameKeys([...(s as unknown as { keys(): Iterable<unknown> }).keys()], vars))) return { shape: "map", vars: vars as string[] };
  }
  return { shape: "wrapped", vars: ["state"] };
}

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

/** One state as an ITF state object (without its #meta). */
export function itfState(s: unknown, shape: StateShape, vars: readonly string[]): { [v: string]: ItfValue } {
  if (shape === "wrapped") return { state: toItfValue(s) };
  const get = (s as { get(k: string): unknown }).get.bind(s);
  const out: { [v: string]: ItfValue } = {};
  for (const v of vars) out[v] = toItfValue(get(v));
  return out;
}

/** The counterexample of `r` as an ITF trace; undefined when there is none. */
export function renderItf(r: CheckResult): string | undefined {
  const v = r.violation;
  if (!v) return undefined;
  const states = v.trace.map((t) => t.state);
  const { shape, vars } = shapeOf(states);
  const trace = {
    "#meta": {
      format: "ITF",
      "format-description": ITF_SPEC,
      source: r.file ?? r.spec,
      description: `mc counterexample: ${v.kind}${v.name ? ` ${v.name}` : ""} of spec ${r.spec}`,
      // mc's own fields, read back by `mc replay`
      "mc-spec": r.spec,
      "mc-constants": r.constants,
      "mc-violation": { kind: v.kind, name: v.name },
      "mc-state": shape,
      ...(v.loop !== undefined ? { "mc-loop-action": v.loopAction ?? null } : {}),
    },
    vars,
    states: v.trace.map((t, i) => ({ "#meta": { index: i, ...(t.action !== null ? { action: t.action } : {}) }, ...itfState(t.state, shape, vars) })),
    ...(v.loop !== undefined ? { loop: v.loop } : {}),
  };
  return JSON.stringify(trace, null, 1) + "\n";
}
