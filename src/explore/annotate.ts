// Adds the spec's own vocabulary to a trace: a label per step from view.describeStep and a
// timeline per counter from view.counters. Presentation only; a throwing view is ignored.

import type { CounterTimeline, TraceStep } from "../result/result.js";
import type { SpecView } from "../spec/types.js";

export function annotate(trace: readonly TraceStep[], view: SpecView<unknown>): { trace: TraceStep[]; counters?: CounterTimeline[] } {
  const labelled = trace.map((t, i) => {
    if (i === 0 || !view.describeStep) return t;
    const label = attempt(() => view.describeStep!(t.action!, trace[i - 1]!.state, t.state));
    return typeof label === "string" ? { ...t, label } : t;
  });
  if (!view.counters) return { trace: labelled };
  const rows = trace.map((t) => attempt(() => view.counters!(t.state)) ?? {});
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { trace: labelled, counters: names.map((name) => ({ name, values: rows.map((r) => (typeof r[name] === "number" ? r[name]! : null)) })) };
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
