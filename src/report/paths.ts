// Flattens a state into (path, value) leaves, e.g. `ref[2]` → 1 or `pgmap.cnt` → 2, so a trace
// can show the first state in full and then only the leaves each step changed.

import { isImmutable, isIndexed, isKeyed, isRecord } from "immutable";

export type Leaves = Map<string, string>;

export function leaves(state: unknown): Leaves {
  const out: Leaves = new Map();
  walk(state, "", out);
  return out;
}

function walk(v: unknown, path: string, out: Leaves): void {
  if (isRecord(v)) {
    const o = (v as unknown as { toSeq(): { forEach(f: (x: unknown, k: string) => void): void } }).toSeq();
    o.forEach((x, k) => walk(x, path === "" ? k : `${path}.${k}`, out));
    if (path !== "" && out.size === 0) out.set(path, "{}");
  } else if (isImmutable(v) && (isIndexed(v) || isKeyed(v))) {
    const c = v as unknown as { size: number; forEach(f: (x: unknown, k: unknown) => void): void };
    if (c.size === 0) out.set(path === "" ? "(state)" : path, isIndexed(v) ? "[]" : "{}");
    c.forEach((x, k) => walk(x, `${path}[${typeof k === "string" ? k : show(k)}]`, out));
  } else if (typeof v === "object" && v !== null && !isImmutable(v)) {
    // a state in its toJS() form (checkSpec's results): objects as records, arrays as lists
    const entries = Object.entries(v);
    if (entries.length === 0) out.set(path === "" ? "(state)" : path, Array.isArray(v) ? "[]" : "{}");
    for (const [k, x] of entries) walk(x, Array.isArray(v) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`, out);
  } else {
    out.set(path === "" ? "(state)" : path, show(v));
  }
}

/** A leaf or a whole value in one line (sets and nested keys as JSON). */
export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (isImmutable(v)) return JSON.stringify((v as { toJS(): unknown }).toJS());
  return String(v);
}

export interface Change {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

export function changes(before: Leaves, after: Leaves): Change[] {
  const out: Change[] = [];
  for (const [p, a] of after) {
    const b = before.get(p);
    if (b !== a) out.push({ path: p, before: b, after: a });
  }
  for (const [p, b] of before) if (!after.has(p)) out.push({ path: p, before: b, after: undefined });
  return out;
}
