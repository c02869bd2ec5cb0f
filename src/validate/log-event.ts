// One page_ref event of a kernel log (include/trace/events/page_ref.h), parsed from ftrace text
// or ndjson, and what it says happened to the page's count: a change from one value to another,
// a set to a value, or nothing (a failed conditional operation that only reads the count).

/** The seven page_ref tracepoints; the last four (and page_ref_mod_and_test) carry ret. */
export const PAGE_REF_EVENTS = [
  "page_ref_set",
  "page_ref_mod",
  "page_ref_mod_and_test",
  "page_ref_mod_and_return",
  "page_ref_mod_unless",
  "page_ref_freeze",
  "page_ref_unfreeze",
] as const;
export type PageRefEvent = (typeof PAGE_REF_EVENTS)[number];

/** Per event: whether it prints ret= (as page_ref.h's two templates). */
const WITH_RET = new Map<string, boolean>(PAGE_REF_EVENTS.map((e) => [e, e !== "page_ref_set" && e !== "page_ref_mod" && e !== "page_ref_unfreeze"]));

export function isPageRefEvent(name: string): name is PageRefEvent {
  return name.startsWith("page_ref_") && WITH_RET.has(name);
}

export function hasRet(name: PageRefEvent): boolean {
  return WITH_RET.get(name) === true;
}

/** A parsed page_ref event: the fields mc uses (the others are kept only in the line's text). */
export interface LogEvent {
  readonly name: PageRefEvent;
  readonly pfn: number;
  /** The page's count read after the operation (page_ref_count at trace time). */
  readonly count: number;
  readonly val: number;
  /** ret=, for the events that print it; undefined otherwise. */
  readonly ret: number | undefined;
}

/**
 * What an event says the page's counter did, in the spec's terms:
 * - "step": some step took the counter from `from` (any value when undefined) to `to`;
 * - "read": nothing changed; the counter was `to` (a failed mod_unless or freeze, or the
 *   bias-only half of a FOLL_PIN on a small folio).
 */
export interface CountChange {
  readonly kind: "step" | "read";
  readonly from: number | undefined;
  readonly to: number;
}

/**
 * The change an event logs. `count` and `val` are already normalised for pins (see pins.ts).
 * set: to `count` from anything; unfreeze: from 0 (frozen) to `count`; freeze: from `val` (the
 * expected count) to 0 on success; mod_unless and freeze with ret=0 changed nothing; every
 * other event: from `count - val` to `count`.
 */
export function countChange(e: LogEvent, count: number, val: number): CountChange {
  switch (e.name) {
    case "page_ref_set":
      return { kind: "step", from: undefined, to: count };
    case "page_ref_unfreeze":
      return { kind: "step", from: 0, to: count };
    case "page_ref_freeze":
      return e.ret === 0 ? { kind: "read", from: count, to: count } : { kind: "step", from: val, to: count };
    case "page_ref_mod_unless":
      if (e.ret === 0) return { kind: "read", from: count, to: count };
      break;
  }
  return val === 0 ? { kind: "read", from: count, to: count } : { kind: "step", from: count - val, to: count };
}
