// Renders a behaviour of a spec as the page_ref log a kernel would print for it: one ftrace line
// per step that changes a page counter (page_ref_mod for a rise, page_ref_mod_and_test for a fall,
// ret=1 at 0). For the round-trip tests and the benchmark; steps that change nothing log nothing.

import type { LogMapping } from "./mapping.js";

export interface RenderedEvent {
  readonly name: "page_ref_mod" | "page_ref_mod_and_test";
  readonly pfn: number;
  readonly count: number;
  readonly val: number;
  readonly ret: number | undefined;
}

/** The events of a behaviour (its states in order), page p being pfn `pfnOf(p)`. */
export function behaviourEvents(mapping: LogMapping, states: readonly unknown[], pfnOf: (page: number) => number): RenderedEvent[] {
  const out: RenderedEvent[] = [];
  let prev = mapping.pageCounts(states[0]);
  for (let i = 1; i < states.length; i++) {
    const now = mapping.pageCounts(states[i]);
    for (let p = 0; p < now.length; p++) {
      const val = now[p]! - prev[p]!;
      if (val === 0) continue;
      out.push(val > 0 ? { name: "page_ref_mod", pfn: pfnOf(p), count: now[p]!, val, ret: undefined } : { name: "page_ref_mod_and_test", pfn: pfnOf(p), count: now[p]!, val, ret: now[p] === 0 ? 1 : 0 });
    }
    prev = now;
  }
  return out;
}

/** One event as /sys/kernel/tracing/trace prints it (v5.17+ layout, mapcount raw). */
export function ftraceLine(e: RenderedEvent, i: number): string {
  const ts = (100 + i / 1e5).toFixed(6);
  const ret = e.ret === undefined ? "" : ` ret=${e.ret}`;
  return `          mc-${1000 + (i % 7)}    [00${i % 2}] .....  ${ts}: ${e.name}: pfn=0x${e.pfn.toString(16)} flags=0x0 count=${e.count} mapcount=-1 mapping=0000000000000000 mt=0 val=${e.val}${ret}`;
}
