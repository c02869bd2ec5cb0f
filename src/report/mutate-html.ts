// `mc mutate --html FILE`: the mutation report as one self-contained page with no script at all:
// the score, the counts, and every mutant in a table (survivors first), all text escaped.

import type { MutantStatus, MutationReport } from "../mutate/mutate.js";
import { escapeHtml as esc } from "./html.js";
import { constantsText, scoreText } from "./mutate-text.js";

const ORDER: readonly MutantStatus[] = ["survived", "timeout", "budget", "crashed", "killed", "equivalent", "oracle", "not-reached", "invalid"];

export function renderMutationHtml(r: MutationReport): string {
  const c = r.counts;
  const rows = [...r.mutants]
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.id - b.id)
    .map((m) => `<tr class="${m.status}"><td>${esc(m.status)}</td><td>${esc(`${m.file}:${m.line}:${m.column}`)}</td><td>${esc(m.operator)}</td><td><code>${esc(m.diff)}</code></td><td>${esc(m.killedBy ?? m.stoppedBy ?? "")}${m.steps !== undefined ? esc(` (${m.steps} steps)`) : ""}</td></tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(`mc mutate: ${r.file} — ${scoreText(r)}`)}</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
code { font: 12px ui-monospace, monospace; white-space: pre-wrap; }
tr.survived td:first-child { color: #b00; font-weight: bold; } tr.killed td:first-child { color: #070; }
tr.timeout td:first-child, tr.budget td:first-child, tr.crashed td:first-child { color: #a60; } .muted { color: #777; }
</style></head><body>
<h1>${esc(r.file)}: mutation score ${esc(scoreText(r))}</h1>
<p>${esc(`${c.total} mutants of ${r.files.join(", ")}; constants ${constantsText(r.constants)}, deadlock ${r.deadlock ? "checked" : "not checked"}; original ${r.original.distinct} distinct / ${r.original.generated} generated states; budget ${r.budget.maxStates} states, ${r.budget.maxGenerated} successors per mutant, wall-clock safety net ${Math.round(r.budget.timeoutMs / 1000)} s.`)}</p>
<p>${esc(`${c.killed} killed, ${c.survived} survived, ${c.timeout} timeout, ${c.budget} over budget, ${c.crashed} crashed, ${c.equivalent} equivalent candidates, ${c["not-reached"]} not reached, ${c.oracle} in the checks only, ${c.invalid} invalid.`)}</p>
<p class="muted">Score = killed / (killed + survived + timeout + over budget + crashed). Equivalent candidates reach the same states with the same fingerprints as the original; not-reached mutants edit code no state ever ran; mutants of the checks only (invariants, properties, the view) are not mutants of the protocol.</p>
<table><thead><tr><th>verdict</th><th>where</th><th>operator</th><th>mutation</th><th>killed or stopped by</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
