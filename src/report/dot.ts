// A state graph as Graphviz DOT (as TLC's -dump dot): one node per state labelled with its
// toJS() form, edges labelled by action; initial states bold, violating ones red, deadlocks
// octagons. `dot -Tsvg` draws it.

import type { StateGraph } from "../explore/graph.js";
import { showState } from "../model/show-state.js";

export function renderDot(name: string, g: StateGraph): string {
  const q = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const lines = [`digraph ${q(name)} {`, "  node [shape=box, fontname=monospace];", "  edge [fontname=monospace];"];
  g.states.forEach((s, i) => {
    const attrs = [`label=${q(`${i}: ${showState(s, 200)}`)}`];
    const bad = g.violating.get(i);
    if (g.initial.has(i)) attrs.push("style=bold", "penwidth=2");
    if (bad !== undefined) attrs.push("color=red", "fontcolor=red", `tooltip=${q(`violates ${bad}`)}`, `xlabel=${q(`✗ ${bad}`)}`);
    if (g.deadlocked.has(i)) attrs.push("shape=octagon", `tooltip=${q("deadlock: no action enabled")}`);
    if (g.cut.has(i)) attrs.push("style=dashed", `tooltip=${q("outside a state constraint: not expanded")}`);
    lines.push(`  s${i} [${attrs.join(", ")}];`);
  });
  for (const e of g.edges) lines.push(`  s${e.from} -> s${e.to} [label=${q(e.action)}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
