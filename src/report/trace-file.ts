// `--trace FILE`: the formats a check's result can be saved in, chosen by the file's name. A
// format is a function from the result to the file's text (undefined: nothing to write) in one
// table; the CLI writes the text whole or not at all (src/cli/write-file-atomic.ts).

import { renderHtmlReport } from "./html.js";
import { McError } from "../result/errors.js";
import type { CheckResult } from "../result/result.js";
import { renderItf, toItfValue } from "./itf.js";
import { toJson, plain } from "./json.js";

export type TraceFormat = (result: CheckResult) => string | undefined;

/**
 * The formats, by the end of the file name; the first that matches wins, so `.itf.json` comes
 * before `.json`. `.html` (the report, src/report/html.ts's renderHtmlReport) is added here.
 */
export const TRACE_FORMATS: readonly { readonly suffix: string; readonly name: string; readonly render: TraceFormat }[] = [
  { suffix: ".itf.json", name: "counterexample as ITF", render: renderItf },
  { suffix: ".json", name: "counterexample as mc JSON", render: renderJsonTrace },
  { suffix: ".html", name: "HTML report", render: renderHtmlReport },
];

/**
 * mc's own trace: the --json object, its violation with the lasso fields when there is a loop.
 * Each step's `state` is the readable toJS() form, which cannot tell a Set from a List nor keep
 * a Map's key types; `value` is the same state typed as ITF writes it (`#set`, `#map`, ...), so
 * that `mc replay` reads the trace back losslessly.
 */
export function renderJsonTrace(r: CheckResult): string | undefined {
  const v = r.violation;
  if (!v) return undefined;
  const j = toJson(r) as { violation: object };
  const violation = { ...j.violation, trace: v.trace.map((t) => ({ action: t.action, state: plain(t.state), value: toItfValue(t.state) })), ...(v.loop !== undefined ? { loop: v.loop, loopAction: v.loopAction ?? null } : {}) };
  return JSON.stringify({ ...j, file: r.file ?? null, violation }, null, 1) + "\n";
}

export function traceFormat(file: string): (typeof TRACE_FORMATS)[number] {
  const f = TRACE_FORMATS.find((x) => file.toLowerCase().endsWith(x.suffix));
  if (!f) {
    throw new McError("MC042", `--trace ${file}: the format follows the file name, and this one names none; use ${TRACE_FORMATS.map((x) => `*${x.suffix}`).join(", ")}.`);
  }
  return f;
}
