// Canonical keys for recorded values, so a recorded state and a live successor compare equal
// exactly when they are the same value: object keys sorted; in ITF, sets and maps sorted too
// (they are unordered) and an integer the same whether written as a number or as #bigint.

import type { ItfValue } from "../report/itf.js";

export function canonItf(v: ItfValue): string {
  if (typeof v === "number") return Number.isInteger(v) ? `i${BigInt(v)}` : `u${v}`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(canonItf).join(",")}]`;
  // a JSON null is no ITF expression; read leniently as mc writes null
  if (v === null || typeof v !== "object") return `u${String(v)}`;
  const o = v as { readonly [k: string]: ItfValue };
  if ("#bigint" in o) return `i${BigInt(o["#bigint"] as string)}`;
  if ("#unserializable" in o) return `u${String(o["#unserializable"])}`;
  if ("#tup" in o) return `[${(o["#tup"] as ItfValue[]).map(canonItf).join(",")}]`;
  if ("#set" in o) return `{set ${(o["#set"] as ItfValue[]).map(canonItf).sort().join(",")}}`;
  if ("#map" in o) return `{map ${(o["#map"] as [ItfValue, ItfValue][]).map(([k, x]) => `${canonItf(k)}=>${canonItf(x)}`).sort().join(",")}}`;
  const keys = Object.keys(o).filter((k) => k !== "#meta").sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonItf(o[k]!)}`).join(",")}}`;
}

/** A JSON value (mc's toJS() trace form): object keys sorted, arrays in order. */
export function canonJs(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonJs).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as { [k: string]: unknown };
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonJs(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
