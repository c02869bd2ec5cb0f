// The text report of `mc mutate`: the score, the counts by verdict, and a table of the mutants
// the checks did not notice (survivors, then those that ran out of budget), each a one-line diff
// at file:line with the constants it was checked with.

import type { MutantResult, MutationReport } from "../mutate/mutate.js";
import { LOOP_BUDGET } from "../mutate/protocol.js";
import { thousands, type Style } from "./style.js";

export function constantsText(c: MutationReport["constants"]): string {
  const s = Object.entries(c).map(([k, v]) => `${k}=${String(v)}`);
  return s.length ? s.join(" ") : "defaults";
}

export function scoreText(r: MutationReport): string {
  return r.score === null ? "no scored mutant" : `${(100 * r.score).toFixed(1)}%`;
}

/** Equivalent candidates listed in the text report; the JSON and HTML reports list them all. */
const SHOWN = 8;

export function formatMutation(r: MutationReport, style: Style): string {
  const c = r.counts;
  const lines = [
    `mc: mutating ${r.file} (${r.files.length} source files: ${r.files.join(", ")})`,
    `  constants ${constantsText(r.constants)}, deadlock ${r.deadlock ? "checked" : "not checked"}; original ${thousands(r.original.distinct)} distinct / ${thousands(r.original.generated)} generated states`,
    `  budget per mutant: ${thousands(r.budget.maxStates)} states, ${thousands(r.budget.maxGenerated)} successors, ${thousands(LOOP_BUDGET)} iterations of one loop; wall-clock safety net ${(r.budget.timeoutMs / 1000).toFixed(0)} s`,
    "",
    `Mutation score ${style.bold(scoreText(r))}: ${c.killed} killed of ${c.killed + c.survived + c.timeout + c.budget + c.crashed} (killed + survived + timeout + over budget + crashed).`,
    `  ${c.total} mutants: ${c.killed} killed, ${c.survived} survived, ${c.timeout} timeout, ${c.budget} over budget, ${c.crashed} crashed, ${c.equivalent} equivalent candidates,`,
    `  ${c["not-reached"]} not reached, ${c.oracle} in the checks only (invariants, properties, view), ${c.invalid} invalid (the spec no longer loads)`,
  ];
  const killers = new Map<string, number>();
  for (const m of r.mutants) if (m.status === "killed") killers.set(m.killedBy!, (killers.get(m.killedBy!) ?? 0) + 1);
  if (killers.size) lines.push("", "Killed by:", ...[...killers].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`));
  const survivors = r.mutants.filter((m) => m.status === "survived");
  const budget = r.mutants.filter((m) => m.status === "timeout" || m.status === "budget" || m.status === "crashed");
  if (survivors.length) lines.push("", style.bad(`Survivors (${survivors.length}): all invariants and properties hold, at ${constantsText(r.constants)}`), ...table(survivors));
  if (budget.length) lines.push("", `Over budget, timed out or crashed (${budget.length}): stopped by`, ...table(budget, (m) => `[${m.stoppedBy ?? m.status}]  `));
  const eq = r.mutants.filter((m) => m.status === "equivalent");
  if (eq.length) {
    lines.push("", `Equivalent candidates (${eq.length}): the same states and state-changing steps as the original, not weaknesses:`, ...table(eq.slice(0, SHOWN)));
    if (eq.length > SHOWN) lines.push(`  ... and ${eq.length - SHOWN} more (--json and --html list them all)`);
  }
  lines.push("", `time ${(r.ms / 1000).toFixed(1)} s`);
  return lines.join("\n") + "\n";
}

function table(ms: readonly MutantResult[], why: (m: MutantResult) => string = () => ""): string[] {
  const where = ms.map((m) => `${m.file}:${m.line}`);
  const w = Math.max(...where.map((x) => x.length));
  const ow = Math.max(...ms.map((m) => m.operator.length));
  return ms.map((m, i) => `  ${where[i]!.padEnd(w)}  ${m.operator.padEnd(ow)}  ${why(m)}${m.diff}`);
}
