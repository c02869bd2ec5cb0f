// The human-readable report: a header, the verdict, the counterexample (first state in full,
// then each step's changed paths, named in the spec's own terms when it has a view), a counter
// timeline for kernel specs, and a summary with TLC's collision estimate.

import type { CheckResult, CounterTimeline, Ledger, TraceStep, Violation } from "../result/result.js";
import { lassoClose, fairnessLines } from "./lasso-text.js";
import { changes, leaves } from "./paths.js";
import { thousands, type Style } from "./style.js";

export function header(info: { spec: string; file?: string; strategy: string; workers: number; constants: object; deadlock: boolean }): string {
  const consts = Object.entries(info.constants).map(([k, v]) => `${k}=${String(v)}`);
  return (
    `mc: checking ${info.spec}${info.file ? ` (${info.file})` : ""}\n` +
    `  ${info.strategy}, ${info.workers} worker${info.workers === 1 ? "" : "s"}, deadlock ${info.deadlock ? "checked" : "not checked"}` +
    (consts.length ? `, constants ${consts.join(" ")}` : "") +
    "\n"
  );
}

export function formatResult(r: CheckResult, style: Style): string {
  const lines: string[] = [""];
  if (r.verdict === "ok") {
    lines.push(style.ok(`✓ ${checkedWhat(r)} ${holds(r)} on ${thousands(r.distinctStates)} distinct states.`));
    if (r.selected) lines.push(style.dim(`  (only these were checked: --invariant/--property named them)`));
    if (r.terminalStates) lines.push(`  ${thousands(r.terminalStates)} terminal state${r.terminalStates === 1 ? "" : "s"} (the spec's intended ends, not deadlocks).`);
  } else if (r.verdict === "bounded" && r.constrained && r.bound?.startsWith("within")) {
    lines.push(style.bad(`… Holds only within the state constraints: ${checkedWhat(r)} ${holds(r)} on the ${thousands(r.distinctStates)} states explored,`));
    lines.push(style.bad(`  ${r.bound.replace(/^within the state constraints: /, "")}; what lies beyond them was not explored, so this is not a proof.`));
  } else if (r.verdict === "interrupted") {
    lines.push(style.bad(`… Interrupted: incomplete. No violation in the ${thousands(r.distinctStates)} states explored before the stop; this is not a proof.`));
  } else if (r.verdict === "bounded") {
    lines.push(style.bad(`… Bounded: incomplete (${r.bound}). No violation in the ${thousands(r.distinctStates)} states explored; this is not a proof.`));
  } else {
    const v = r.violation!;
    const steps = v.trace.length - 1;
    const plural = `${steps} step${steps === 1 ? "" : "s"}`;
    const what =
      v.kind === "deadlock" ? `Deadlock: a reachable state enables no action after ${plural}`
      : v.kind === "action" ? `Action property ${v.name} is violated by step ${steps}`
      : v.kind === "liveness" ? `Property ${v.name} is violated by a fair behaviour that loops forever (a lasso of ${v.trace.length} states)`
      : `Invariant ${v.name} is violated after ${plural}`;
    lines.push(style.bad(`✗ ${what}.`), "");
    if (v.kind === "deadlock") lines.push(style.dim("  If this state is an intended end of the protocol, declare it: terminal: { Name: (s) => ... } in the spec (or run with --no-deadlock)."), "");
    lines.push(...formatTrace(v.trace, style, v.loop), "");
    lines.push(...violationTail(v, style));
  }
  for (const w of r.warnings ?? []) lines.push(style.bad(`! Warning: ${w}`));
  if (r.warnings?.length) lines.push("");
  lines.push(...summary(r));
  return lines.join("\n") + "\n";
}

/** After a trace: how a lasso closes and why fairness does not rescue it, then the counter timeline. */
export function violationTail(v: Violation, style: Style): string[] {
  const out: string[] = [];
  if (v.loop !== undefined) out.push(...lassoClose(v, style), ...fairnessLines(v, style), "");
  if (v.counters?.length) out.push(...timeline(v.counters, v.trace.length, style, v.kind === "deadlock" ? "the deadlocked state, where no action is enabled" : `the step that broke ${v.name}`, v.loop), "");
  if (v.ledger) out.push(...formatLedger(v.ledger, style), "");
  return out;
}

export function formatTrace(trace: readonly TraceStep[], style: Style, loop?: number): string[] {
  const out: string[] = [style.bold(loop === undefined ? "Counterexample:" : "Counterexample (a lasso: the prefix, then a cycle repeated forever):")];
  let prev = leaves(trace[0]!.state);
  if (loop === 0) out.push(style.bold("  ──── cycle starts here (state 0) ────"));
  out.push(`  0. ${style.bold("initial state")}`);
  for (const [p, v] of prev) out.push(`       ${p}: ${v}`);
  for (let i = 1; i < trace.length; i++) {
    const step = trace[i]!;
    const cur = leaves(step.state);
    const title = step.label && step.label !== step.action ? `${step.label}  ${style.dim(`[${step.action}]`)}` : step.action!;
    if (i === loop) out.push(style.bold(`  ──── cycle starts here (state ${i}) ────`));
    out.push(`  ${i}. ${style.bold(title)}`);
    const diff = changes(prev, cur);
    if (diff.length === 0) out.push(style.dim("       (no change)"));
    for (const c of diff) out.push(`       ${c.path}: ${c.before ?? "—"} → ${c.after ?? "—"}`);
    prev = cur;
  }
  return out;
}

/**
 * One line per counter: its value after every step, the breaking step (or a lasso's cycle)
 * marked. Each column is as wide as its widest value, so that refcounts of any size stay apart.
 */
function timeline(counters: readonly CounterTimeline[], steps: number, style: Style, broke: string, loop?: number): string[] {
  const w = Math.max(4, ...counters.map((c) => c.name.length));
  const last = steps - 1;
  const mark = (i: number): string => (loop !== undefined ? (i >= loop ? `${i}~` : String(i)) : i === last ? `${i}*` : String(i));
  const text = (v: number | null): string => (v === null ? "·" : String(v));
  const min = loop !== undefined ? 5 : 4;
  const widths = Array.from({ length: steps }, (_, i) => Math.max(min, mark(i).length + 1, ...counters.map((c) => text(c.values[i] ?? null).length + 1)));
  const legend = loop !== undefined ? `~ marks the cycle, steps ${loop}..${last}, repeated forever` : `* marks ${broke}`;
  const out = [style.bold(`Counter timeline (value after each step; ${legend}):`)];
  out.push(`  ${"step".padEnd(w)} ${widths.map((cw, i) => mark(i).padStart(cw)).join("")}`);
  for (const c of counters) out.push(`  ${c.name.padEnd(w)} ${widths.map((cw, i) => text(c.values[i] ?? null).padStart(cw)).join("")}`);
  return out;
}

/** "All invariants and property P", or, when --invariant/--property chose, exactly what was checked. */
export function checkedWhat(r: CheckResult): string {
  const props = r.properties?.length ? `${r.properties.length === 1 ? "property" : "properties"} ${r.properties.join(", ")}` : "";
  if (!r.selected) return `All invariants${props ? ` and ${props}` : ""}`;
  const invs = r.invariants?.length ? `${r.invariants.length === 1 ? "Invariant" : "Invariants"} ${r.invariants.join(", ")}` : "";
  if (invs && props) return `${invs} and ${props}`;
  return invs || props.charAt(0).toUpperCase() + props.slice(1);
}

export function holds(r: CheckResult): string {
  return r.selected && (r.invariants?.length ?? 0) + (r.properties?.length ?? 0) === 1 ? "holds" : "hold";
}

/** The holder ledger: one line per reference, then anomalies, then the sentence. */
export function formatLedger(l: Ledger, style: Style): string[] {
  if (l.rows.length === 0 && l.anomalies.length === 0) return [style.bold("Holder ledger:"), `  ${l.sentence}`];
  const out = [style.bold("Holder ledger (each reference: who took it, where it was dropped):")];
  const took = l.rows.map((r) => (r.kind === "initial" ? "held at start" : `step ${r.takenAt} ${r.takenBy} ${r.takeCall}`));
  const w = Math.max(...took.map((t) => t.length), 1);
  const cw = Math.max(...l.rows.map((r) => r.counter.length), 1);
  const kw = Math.max(...l.rows.map((r) => r.kind.length), 1);
  l.rows.forEach((r, i) => {
    const dropped = r.droppedAt === null ? style.bad("never dropped") : `dropped at step ${r.droppedAt} by ${r.droppedBy} ${r.dropCall}`;
    out.push(`  ${r.counter.padEnd(cw)}  ${r.kind.padEnd(kw)}  ${took[i]!.padEnd(w)}  ${dropped}`);
  });
  for (const a of l.anomalies) out.push(style.bad(`  ${a.counter}: step ${a.step} ${a.actor} ${a.call}: ${a.what}${a.earlier !== undefined ? ` (first at step ${a.earlier})` : ""}`));
  out.push(`  ${l.sentence}`);
  return out;
}

function summary(r: CheckResult): string[] {
  const secs = r.durationMs / 1000;
  const rate = secs > 0 ? r.distinctStates / secs : 0;
  const kinds = { deadlock: "deadlock", invariant: "invariant", liveness: "property", action: "action property" } as const;
  const v = r.violation;
  const verdict = v ? `violation (${v.kind === "deadlock" ? "deadlock" : `${kinds[v.kind]} ${v.name}`})` : r.verdict === "bounded" ? (r.constrained && r.bound?.startsWith("within") ? "bounded: holds only within the state constraints" : "bounded: incomplete") : r.verdict === "interrupted" ? "interrupted: incomplete" : "ok";
  return [
    "Summary:",
    `  verdict     ${verdict}`,
    `  distinct    ${thousands(r.distinctStates)} states${r.symmetry ? " (one per orbit)" : ""}`,
    ...(r.symmetry ? [`  symmetry    ${Object.entries(r.symmetry).map(([k, n]) => `${k}: ${n}`).join(", ")} (--no-symmetry: every state)`] : []),
    `  generated   ${thousands(r.generatedStates)} states`,
    `  depth       ${r.depth}`,
    `  time        ${secs.toFixed(2)} s${r.strategy === "simulate" ? "" : ` (${thousands(rate)} distinct states/s)`}`,
    // a simulation stores no states, so no fingerprint collision can hide one
    ...(r.strategy === "simulate" ? [] : [`  collision   ${r.collisionProbability.toExponential(1)} (TLC's optimistic estimate of a fingerprint collision)`]),
  ];
}
