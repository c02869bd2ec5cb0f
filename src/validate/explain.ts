// Why no behaviour explains an event: for each action that could have logged it, whether it was
// enabled in any state still consistent with the log (after hidden steps), and if so what it
// does to the pfn's page instead. Computed once, at the first event that does not fit.

import type { Model } from "../model/compile.js";
import { successorsAt } from "../explore/spec-calls.js";
import type { Reading, Validator } from "./validator.js";

export interface WhyNot {
  readonly action: string;
  readonly why: string;
}

const MAX_ACTIONS = 16;

export function whyNot(v: Validator, r: Reading): WhyNot[] {
  const g = v.graph;
  const model: Model = g.model;
  const { pages, allowed, declared, pageCounts } = g.mapping;
  const relevant = model.actionNames
    .map((_, a) => a)
    .filter((a) => (declared ? allowed[a]!.has(r.kind) : true));
  const out: WhyNot[] = [];
  for (const a of relevant) {
    let enabled = 0;
    let hiddenOnly = 0;
    const onPage = new Map<string, number>();
    const elsewhere = new Set<string>();
    let states = 0;
    for (const cand of v.frontier) {
      const cl = g.closure(cand.node);
      const candPages = v.pagesFor(cand, r);
      for (const h of cl.nodes) {
        states++;
        const succ = successorsAt(model, a, h.state);
        if (succ.length === 0) continue;
        enabled++;
        let changesAny = false;
        for (const t of succ) {
          const c = pageCounts(t);
          const changed = c.map((x, p) => (x !== h.counts[p] ? p : -1)).filter((p) => p >= 0);
          if (changed.length === 0) continue;
          changesAny = true;
          const mine = changed.filter((p) => candPages.includes(p));
          for (const p of mine) {
            const k = `${pages[p]} ${h.counts[p]} → ${c[p]}`;
            onPage.set(k, c[p]!);
          }
          if (changed.length > 1) elsewhere.add(`${changed.map((p) => pages[p]).join(" and ")} at once`);
          else if (mine.length === 0) elsewhere.add(pages[changed[0]!]!);
        }
        if (!changesAny) hiddenOnly++;
      }
    }
    if (!declared && enabled === 0 && !changesPagesAnywhere(v, a)) continue;
    let why: string;
    if (enabled === 0) why = `not enabled in any of the ${states} consistent state${states === 1 ? "" : "s"} (hidden steps included)`;
    else {
      const parts: string[] = [];
      const want = r.change.kind === "read" ? `leave it at ${r.change.to}` : r.change.from === undefined ? `give count ${r.change.to}` : `take it from ${r.change.from} to ${r.change.to}`;
      if (onPage.size > 0) parts.push(`it would give count ${[...new Set(onPage.values())].join(" or ")} (${[...onPage.keys()].join(", ")}), where the log says count=${r.count}${r.change.kind === "step" && r.change.from !== undefined ? ` from ${r.change.from}` : ""}`);
      else if (r.change.kind === "read") parts.push(`no state where it is enabled has the page at ${r.change.to}`);
      if (elsewhere.size > 0) parts.push(`it changes ${[...elsewhere].join(", ")}, not the page of this pfn`);
      if (hiddenOnly > 0 && onPage.size === 0 && elsewhere.size === 0) parts.push(`it changes no page counter (a hidden step), and the event needs one to ${want}`);
      if (onPage.size > 0 && declared === false && parts.length === 1 && [...onPage.values()].includes(r.change.to)) parts.push("(the count matches, but not from the count the page had)");
      why = `enabled in ${enabled} of ${states} consistent states; ${parts.join("; ") || "no step of it fits"}`;
    }
    out.push({ action: model.actionNames[a]!, why });
    if (out.length >= MAX_ACTIONS) break;
  }
  return out;
}

/** Whether any state met so far has a step of action `a` that changes a page counter. */
function changesPagesAnywhere(v: Validator, a: number): boolean {
  for (const n of v.graph.nodes()) {
    const m = n.moves;
    if (m && (m.visible.some((x) => x.action === a) || m.multi.some((x) => x.action === a))) return true;
  }
  return false;
}
