// Parses one line of an ndjson log: `{ "event": "page_ref_mod", "pfn": "0x1000", "count": 2,
// "val": 1 }`, with the fields of page_ref.h by name (pfn a number or a 0x-hex string). For logs
// from other tools and for users outside the kernel; the same events and mapping as ftrace.

import { pageRefFields, type ParsedLine } from "./ftrace.js";

export const NDJSON_SHAPE = 'one JSON object per line with an "event" field, e.g. {"event":"page_ref_mod","pfn":"0x1000","count":2,"val":1}';

export function parseNdjsonLine(line: string): ParsedLine {
  if (/^\s*$/.test(line)) return { kind: "comment" };
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { kind: "bad", expected: NDJSON_SHAPE };
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) return { kind: "bad", expected: NDJSON_SHAPE };
  const rec = o as { [k: string]: unknown };
  const name = rec["event"];
  if (typeof name !== "string") return { kind: "bad", expected: NDJSON_SHAPE };
  return pageRefFields(name, (k) => {
    const v = rec[k];
    return typeof v === "number" || typeof v === "string" ? v : undefined;
  });
}
