// Parses one line of ftrace text: /sys/kernel/tracing/trace and trace_pipe (irq-flag columns of
// four `....` or five `...1.` characters, optional tgid column) and `trace-cmd report` (no flag
// column, `cpus=N` header). Field values are read by name, so fields added, dropped or
// reformatted across kernel versions (mapcount raw since 2024, flags as names or hex) are fine.

import { hasRet, isPageRefEvent, type LogEvent } from "./log-event.js";

/** What a line is: a page_ref event, another event, a header or comment, or lost events. */
export type ParsedLine =
  | { readonly kind: "event"; readonly event: LogEvent }
  | { readonly kind: "other" }
  | { readonly kind: "comment" }
  | { readonly kind: "lost" }
  | { readonly kind: "bad"; readonly expected: string };

// [cpu], optional irq flags, timestamp:, event: (searched, not anchored: a regex anchored at the
// line's start with a lazy task name backtracked at 14 µs a line); then the task-pid before it.
const EVENT = /\[\d+\]\s+(?:[^\s:]{4,6}\s+)?\d+\.\d+:\s+([A-Za-z_][\w:]*):\s?/;
const TASK = /^\s*\S.*-\d+\s+(?:\(\s*[\d-]+\)\s+)?$/;
const HEADER = /^\s*(?:#.*|cpus=\d+|version\s*=.*|CPU \d+ is empty|trace-cmd:.*)?\s*$/;
const LOST = /\[LOST(?: \d+)? EVENTS\]/;

export const FTRACE_SHAPE = "an ftrace line `task-pid [cpu] flags timestamp: event: fields` (as /sys/kernel/tracing/trace, trace_pipe or trace-cmd report print it)";

export function parseFtraceLine(line: string): ParsedLine {
  const m = EVENT.exec(line);
  if (m === null || !TASK.test(line.slice(0, m.index))) {
    if (HEADER.test(line)) return { kind: "comment" };
    if (LOST.test(line)) return { kind: "lost" };
    return { kind: "bad", expected: FTRACE_SHAPE };
  }
  let name = m[1]!;
  if (name.startsWith("page_ref:")) name = name.slice("page_ref:".length);
  if (!isPageRefEvent(name)) return { kind: "other" };
  const at = m.index + m[0].length;
  const withRet = hasRet(name);
  const pfn = hexField(line, at, " pfn=", "pfn=");
  const count = intField(line, at, " count=", "count=");
  const val = intField(line, at, " val=", "val=");
  const ret = withRet ? intField(line, at, " ret=", "ret=") : 0;
  // the hot path: every field read in place, no Map, no slices; the general reader names what is missing
  if (pfn !== pfn || count !== count || val !== val || ret !== ret) return pageRefFields(name, (k) => field(line.slice(at), k));
  return { kind: "event", event: { name, pfn, count, val, ret: withRet ? ret : undefined } };
}

/** The integer after `key` (" count=") in line[from..], or after `first` ("count=") right at `from`; NaN when absent or not an integer. */
function intField(line: string, from: number, key: string, first: string): number {
  let i = line.startsWith(first, from) ? from + first.length : line.indexOf(key, from);
  if (i < 0) return NaN;
  if (i !== from + first.length || !line.startsWith(first, from)) i += key.length;
  let neg = false;
  if (line.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let n = 0;
  const start = i;
  for (let c = line.charCodeAt(i); c >= 48 && c <= 57; c = line.charCodeAt(++i)) n = n * 10 + (c - 48);
  const c = line.charCodeAt(i);
  if (i === start || (c === c && c !== 32)) return NaN; // no digits, or something after them other than a space or the end
  return neg ? -n : n;
}

/** pfn=0x%lx, read in place; NaN when absent or not hex. */
function hexField(line: string, from: number, key: string, first: string): number {
  let i = line.startsWith(first, from) ? from + first.length : line.indexOf(key, from);
  if (i < 0) return NaN;
  if (i !== from + first.length || !line.startsWith(first, from)) i += key.length;
  if (line.charCodeAt(i) === 48 && (line.charCodeAt(i + 1) | 32) === 120) i += 2;
  let n = 0;
  const start = i;
  for (;;) {
    const c = line.charCodeAt(i) | 32;
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) break;
    n = n * 16 + d;
    i++;
  }
  const c = line.charCodeAt(i);
  if (i === start || (c === c && c !== 32)) return NaN;
  return n;
}

/** Builds the event from its fields by name (shared with the ndjson reader). */
export function pageRefFields(name: string, get: (field: string) => string | number | undefined): ParsedLine {
  if (!isPageRefEvent(name)) return { kind: "other" };
  const pfn = toInt(get("pfn"), true);
  const count = toInt(get("count"), false);
  const val = toInt(get("val"), false);
  const needRet = hasRet(name);
  const ret = needRet ? toInt(get("ret"), false) : undefined;
  const missing = [pfn === undefined ? "pfn" : "", count === undefined ? "count" : "", val === undefined ? "val" : "", needRet && ret === undefined ? "ret" : ""].filter((x) => x !== "");
  if (missing.length > 0) {
    return { kind: "bad", expected: `a ${name} event with ${missing.map((x) => `${x}=<${x === "pfn" ? "hex" : "integer"}>`).join(", ")} (page_ref.h prints pfn=0x%lx ... count=%d ... val=%d${needRet ? " ret=%d" : ""})` };
  }
  return { kind: "event", event: { name, pfn: pfn!, count: count!, val: val!, ret } };
}

/** A decimal or 0x-hex integer (pfn: hex even without 0x, as %lx prints it); undefined if not one. */
function toInt(v: string | number | undefined, hex: boolean): number | undefined {
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : undefined;
  if (v === undefined) return undefined;
  if (/^0x[0-9a-f]+$/i.test(v)) return parseInt(v.slice(2), 16);
  if (hex && /^[0-9a-f]+$/i.test(v)) return parseInt(v, 16);
  if (/^-?\d+$/.test(v)) return parseInt(v, 10);
  return undefined;
}

/** The text of field `key` in `key=value key=value ...`, or undefined (the general path, for messages). */
function field(rest: string, key: string): string | undefined {
  const first = rest.startsWith(`${key}=`);
  const at = first ? 0 : rest.indexOf(` ${key}=`);
  if (at < 0) return undefined;
  const from = at + key.length + (first ? 1 : 2);
  const end = rest.indexOf(" ", from);
  return rest.slice(from, end < 0 ? rest.length : end);
}
