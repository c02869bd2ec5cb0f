// Why no behaviour explains an event: for each action that could have logged it, whether it was
// enabled in any state still consistent with the log (after hidden steps), and if so what it
// does to the pfn's page instead. Computed once, at the first event that does not fit.

import type { Model } from "../model/compile.js";
import { successorsAt } from "../explore/spec-calls.js";
import type { LogEvent } from "./log-event.js";
import type { Node } from "./state-graph.js";
import type { Reading, Validator } from "./validator.js";

export interface WhyNot {
  readonly action: string;
  readonly why: string;
}

const MAX_ACTIONS = 16;
/** States explored (beyond those the log led to) to learn which actions change a page counter. */
const EXPLORE_BUDGET = 5_000;

export function whyNot(v: Validator, r: Reading, e: LogEvent): WhyNot[] {
  const g = v.graph;
  const model: Model = g.model;
  const { pages, allowed, declared, pageCounts } = g.mapping;
  const dir = r.change.kind === "step" && r.change.from !== undefined ? Math.sign(r.change.to - r.change.from) : 0;
  const could = declared ? null : actionsThatLog(v, dir);
  const relevant = model.actionNames.map((_, a) => a).filter((a) => (could === null ? allowed[a]!.has(r.kind) : could.has(a)));
  const logged = r.change.kind === "read" ? `leaves the page at ${r.change.to}` : r.change.from === undefined ? `sets it to ${r.change.to}` : `takes it from ${r.change.from} to ${r.change.to}`;
  const raw = `count=${e.count} val=${e.val}${e.ret !== undefined ? ` ret=${e.ret}` : ""}`;
  const out: WhyNot[] = [];
  for (const a of relevant) {
    let enabled = 0;
    let hiddenOnly = 0;
    const onPage = new Set<string>();
    const elsewhere = new Set<string>();
    const met = new Set<Node>();
    for (const cand of v.frontier) {
      const candPages = v.pagesFor(cand, r);
      for (const h of g.closure(cand.node).nodes) {
        if (met.has(h)) continue;
        met.add(h);
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
          for (const p of mine) onPage.add(`${pages[p]} ${h.counts[p]} → ${c[p]}`);
          if (changed.length > 1) elsewhere.add(`${changed.map((p) => pages[p]).join(" and ")} in one step`);
          else if (mine.length === 0) elsewhere.add(pages[changed[0]!]!);
        }
        if (!changesAny) hiddenOnly++;
      }
    }
    const states = met.size;
    const of = `${states} state${states === 1 ? "" : "s"} consistent with the log or reached from them by steps that log nothing`;
    let why: string;
    if (enabled === 0) why = `not enabled in any of the ${of}`;
    else {
      const parts: string[] = [];
      if (onPage.size > 0) parts.push(`it would do ${[...onPage].join(" or ")}`);
      if (elsewhere.size > 0) parts.push(`it changes ${[...elsewhere].join(", ")}, not this pfn's page`);
      if (hiddenOnly > 0 && parts.length === 0) parts.push("it changes no page counter there (a step that logs nothing)");
      why = `enabled in ${enabled} of the ${of}: ${parts.join("; ")}`;
    }
    out.push({ action: model.actionNames[a]!, why });
    if (out.length >= MAX_ACTIONS) break;
  }
  if (out.length > 0) out.unshift({ action: "(the log)", why: `${logged} (${raw})` });
  return out;
}

/** Actions with a step that changes a page counter (in direction `dir` when not 0) somewhere in the spec's reachable states (explored up to a budget). */
function actionsThatLog(v: Validator, dir: number): Set<number> {
  const g = v.graph;
  const seen = new Set<Node>(g.initialNodes());
  const queue = [...seen];
  for (let i = 0; i < queue.length && i < EXPLORE_BUDGET; i++) {
    const m = g.moves(queue[i]!);
    for (const mv of [...m.hidden, ...m.visible, ...m.multi]) {
      if (!seen.has(mv.to)) {
        seen.add(mv.to);
        queue.push(mv.to);
      }
    }
  }
  const out = new Set<number>();
  for (const n of seen) {
    const m = n.moves;
    if (m === undefined) continue;
    for (const mv of [...m.visible, ...m.multi]) {
      if (dir === 0 || mv.to.counts.some((c, p) => Math.sign(c - n.counts[p]!) === dir)) out.add(mv.action);
    }
  }
  return out;
}
