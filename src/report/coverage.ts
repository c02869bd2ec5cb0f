// The text form of --coverage: one row per action (enabled in, generated, new states) and per
// invariant (states checked), numbers right-aligned; an action never enabled is flagged.

import type { Coverage } from "../result/result.js";
import { thousands, type Style } from "./style.js";

export function formatCoverage(c: Coverage, style: Style): string {
  const names = [...c.actions.map((a) => a.name), ...c.invariants.map((i) => i.name)];
  const w = Math.max(6, ...names.map((n) => n.length));
  const num = (n: number): string => thousands(n).padStart(12);
  const lines = [style.bold("Coverage (counted in one-worker order; the same for every --workers):")];
  lines.push(`  ${"action".padEnd(w)} ${"enabled in".padStart(12)} ${"generated".padStart(12)} ${"new states".padStart(12)}`);
  for (const a of c.actions) {
    const row = `  ${a.name.padEnd(w)} ${num(a.enabled)} ${num(a.generated)} ${num(a.distinct)}`;
    lines.push(a.enabled === 0 ? style.bad(`${row}   never enabled`) : row);
  }
  lines.push(`  ${"invariant".padEnd(w)} ${"checked on".padStart(12)}`);
  for (const i of c.invariants) lines.push(`  ${i.name.padEnd(w)} ${num(i.evaluated)}`);
  return "\n" + lines.join("\n") + "\n";
}
