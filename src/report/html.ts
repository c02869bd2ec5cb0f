// The HTML report: one self-contained page (inline CSS, JS and SVG; no network) for a result.
// The data travels as JSON inside <script type="application/json"> with <, > and & escaped, and
// the page's script builds the DOM with textContent only, so state text can never become markup.

import { createHash } from "node:crypto";
import type { CheckResult, Violation } from "../result/result.js";
import { PAGE_CSS, PAGE_SCRIPT } from "./html-assets.js";
import { changes, leaves } from "./paths.js";
import { fairnessWhy, NO_FAIRNESS } from "./lasso-text.js";
import { checkedWhat, holds } from "./text.js";
import { thousands } from "./style.js";

/** What the page's script reads: plain strings and numbers, nothing to interpret as markup. */
export interface ReportData {
  readonly spec: string;
  readonly file: string | null;
  readonly verdict: CheckResult["verdict"];
  readonly headline: string;
  readonly summary: readonly (readonly [string, string])[];
  readonly warnings: readonly string[];
  /** The step that broke the property (marked in the list and the chart); null without one. */
  readonly broke: number | null;
  readonly brokeName: string | null;
  readonly loop: number | null;
  readonly loopText: string | null;
  readonly steps: readonly ReportStep[];
  readonly counters: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  /** A lasso: per fair action, why fairness does not rescue it (the text report's table); null otherwise. */
  readonly fairness: readonly (readonly [string, string, string, string])[] | null;
  /** A lasso of a spec without fairness entries: what that means. */
  readonly fairnessNote: string | null;
}

export interface ReportStep {
  readonly title: string;
  readonly action: string | null;
  readonly changes: readonly (readonly [string, string, string])[];
  readonly state: readonly (readonly [string, string])[];
}

export function renderHtmlReport(result: CheckResult): string {
  const data = reportData(result);
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  // Defence in depth: only our own script (by hash) runs, and nothing is ever fetched.
  const hash = createHash("sha256").update(PAGE_SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`mc: ${data.spec} — ${data.verdict}`)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1 id="verdict"></h1><p id="spec"></p><dl id="summary"></dl><ul id="warnings"></ul></header>
<main>
<div id="timeline-row">
<section id="chart-card" class="card" hidden><h2>Counter timeline</h2><p class="hint">value after each step</p><div id="chart"></div><div id="legend"></div></section>
${ledgerCard(result.violation)}
</div>
<section id="fairness-card" class="card" hidden><h2>Why fairness does not rescue it</h2><p class="hint">per action with a fairness entry, on the cycle</p><table id="fairness" class="state"></table><p id="fairness-note"></p></section>
<section id="steps-card" class="card" hidden><h2>Steps</h2><p class="hint">j / k or ↓ / ↑ move between steps, Enter opens the full state</p><ol id="steps"></ol></section>
</main>
<noscript>This report draws itself with JavaScript; the same result is printed by <code>mc check</code>.</noscript>
<script type="application/json" id="mc-data">${json}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

export function reportData(r: CheckResult): ReportData {
  const v = r.violation;
  const steps: ReportStep[] = [];
  if (v) {
    let prev = leaves(v.trace[0]!.state);
    v.trace.forEach((t, i) => {
      const cur = i === 0 ? prev : leaves(t.state);
      const diff = i === 0 ? [] : changes(prev, cur).map((c) => [c.path, c.before ?? "—", c.after ?? "—"] as const);
      const title = i === 0 ? "initial state" : (t.label ?? t.action ?? "");
      steps.push({ title, action: t.action, changes: diff, state: [...cur] });
      prev = cur;
    });
  }
  const isLasso = v?.kind === "liveness" && v.loop !== undefined;
  const secs = r.durationMs / 1000;
  return {
    spec: r.spec,
    file: r.file ?? null,
    verdict: r.verdict,
    headline: headline(r),
    summary: [
      ["distinct", `${thousands(r.distinctStates)} states`],
      ["generated", `${thousands(r.generatedStates)} states`],
      ["depth", String(r.depth)],
      ["time", `${secs.toFixed(2)} s`],
      ["search", `${r.strategy}, ${r.workers} worker${r.workers === 1 ? "" : "s"}`],
      ["constants", Object.entries(r.constants).map(([k, c]) => `${k}=${String(c)}`).join(" ") || "none"],
    ],
    warnings: r.warnings ?? [],
    broke: v && !isLasso ? v.trace.length - 1 : null,
    brokeName: v ? (v.name ?? v.kind) : null,
    loop: isLasso ? v.loop! : null,
    loopText: isLasso ? `back to step ${v.loop} by ${v.loopAction ?? "a stuttering step"}, forever` : null,
    steps,
    counters: v?.counters ?? [],
    fairness: isLasso ? (v.fairness ?? []).map((f) => [`${f.kind === "weak" ? "WF" : "SF"} ${f.action}`, f.enabled === "never" ? "never enabled" : `enabled ${f.enabled}`, f.taken ? "taken" : "not taken", fairnessWhy(f)] as const) : null,
    fairnessNote: isLasso && (v.fairness ?? []).length === 0 ? `Fairness: ${NO_FAIRNESS}` : null,
  };
}

function headline(r: CheckResult): string {
  if (r.headline !== undefined) return r.headline;
  if (r.verdict === "ok") return `✓ ${checkedWhat(r)} ${holds(r)} on ${thousands(r.distinctStates)} distinct states.`;
  if (r.verdict === "bounded" && r.constrained && r.bound?.startsWith("within")) {
    return `… Holds only within the state constraints (${r.bound.replace(/^within the state constraints: /, "")}): ${checkedWhat(r)} ${holds(r)} on the ${thousands(r.distinctStates)} states explored.`;
  }
  if (r.verdict === "bounded") return `… Bounded: incomplete (${r.bound ?? "stopped early"}). No violation in the ${thousands(r.distinctStates)} states explored.`;
  if (r.verdict === "interrupted") return `… Interrupted after ${thousands(r.distinctStates)} distinct states. No violation found so far.`;
  return `✗ ${violationText(r.violation!)}`;
}

function violationText(v: Violation): string {
  const n = v.trace.length - 1;
  const steps = `${n} step${n === 1 ? "" : "s"}`;
  switch (v.kind) {
    case "deadlock":
      return `Deadlock: a reachable state enables no action, after ${steps}.`;
    case "liveness":
      return `Property ${v.name} is violated by a behaviour that loops forever from step ${v.loop ?? "?"}.`;
    case "action":
      return `Action property ${v.name} is violated by step ${n}.`;
    default:
      return `Invariant ${v.name} is violated after ${steps}.`;
  }
}

/** The holder ledger beside the timeline: static, escaped text (the page's script never touches it). */
function ledgerCard(v: Violation | undefined): string {
  const l = v?.ledger;
  if (!l) return "";
  const row = (cells: readonly string[], cls = ""): string => `<tr${cls ? ` class="${cls}"` : ""}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
  const rows = l.rows.map((r) => row([r.counter, r.kind, r.kind === "initial" ? "held at start" : `step ${r.takenAt}`, r.kind === "initial" ? "" : r.takenBy, r.takeCall, r.droppedAt === null ? "never dropped" : `step ${r.droppedAt} by ${r.droppedBy ?? ""} (${r.dropCall ?? ""})`], r.droppedAt === null ? "open" : ""));
  const odd = l.anomalies.map((a) => row([a.counter, a.what, `step ${a.step}`, a.actor, a.call, a.earlier !== undefined ? `first dropped at step ${a.earlier}` : "no holder took it"], "open"));
  return `<section id="ledger-card" class="card"><h2>Holder ledger</h2><p id="ledger-sentence">${escapeHtml(l.sentence)}</p>
<table id="ledger"><thead><tr><th>counter</th><th>kind</th><th>taken</th><th>by</th><th>call</th><th>dropped</th></tr></thead><tbody>
${[...rows, ...odd].join("\n")}
</tbody></table></section>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
