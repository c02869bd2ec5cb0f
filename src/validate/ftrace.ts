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

// task-pid, optional (tgid), [cpu], optional irq flags, timestamp:, event:, fields
const LINE = /^\s*.*?-\d+\s+(?:\(\s*[\d-]+\)\s+)?\[\d+\]\s+(?:[^\s:]{4,6}\s+)?\d+\.\d+:\s+([A-Za-z_][\w:]*):\s?(.*)$/;
const HEADER = /^\s*(?:#.*|cpus=\d+|version\s*=.*|CPU \d+ is empty|trace-cmd:.*)?\s*$/;
const LOST = /\[LOST(?: \d+)? EVENTS\]/;
const FIELD = /([A-Za-z_]\w*)=(\S*)/g;

export const FTRACE_SHAPE = "an ftrace line `task-pid [cpu] flags timestamp: event: fields` (as /sys/kernel/tracing/trace, trace_pipe or trace-cmd report print it)";

export function parseFtraceLine(line: string): ParsedLine {
  const m = LINE.exec(line);
  if (m === null) {
    if (HEADER.test(line)) return { kind: "comment" };
    if (LOST.test(line)) return { kind: "lost" };
    return { kind: "bad", expected: FTRACE_SHAPE };
  }
  let name = m[1]!;
  if (name.startsWith("page_ref:")) name = name.slice("page_ref:".length);
  if (!isPageRefEvent(name)) return { kind: "other" };
  const f = new Map<string, string>();
  for (const x of m[2]!.matchAll(FIELD)) f.set(x[1]!, x[2]!);
  return pageRefFields(name, (k) => f.get(k));
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
