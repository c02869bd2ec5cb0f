// The trace-validation search (TLC's trace validation, Cirstea et al. 2024): the set of
// (spec state, pfn binding) pairs consistent with the log so far, advanced one event at a time
// by hidden steps then one step whose page counter does what the event logs. Deduplicated per
// event, so its size is bounded by the spec's state space whatever the log's length.

import { countChange, type CountChange, type LogEvent } from "./log-event.js";
import { hiddenPath, type Node, type StateGraph } from "./state-graph.js";

/** A consistent state with its binding of pfn slots (first-appearance order) to pages. */
export interface Candidate {
  readonly node: Node;
  /** perm[slot] = the page that slot's pfn is, for the slots bound so far. */
  readonly perm: readonly number[];
  readonly code: number;
  /** With tracing only: the candidate it came from and the steps (hidden ones, then the visible one). */
  readonly parent: Candidate | null;
  readonly steps: readonly { readonly action: number; readonly node: Node }[];
}

/** One event in the spec's terms: which slot, what its counter did, which kind of event it is. */
export interface Reading {
  readonly slot: number;
  /** Whether this event is the first of its pfn (the slot is bound by it). */
  readonly fresh: boolean;
  readonly change: CountChange;
  /** The event's name, or "pin"/"unpin" for a ±1024. */
  readonly kind: string;
  readonly count: number;
  readonly val: number;
}

export type Outcome = "explained" | "skipped" | "misfit";

export class Validator {
  frontier: Candidate[];
  /** pfn → slot, in order of first appearance; at most one slot per page. */
  readonly slots = new Map<number, number>();
  readonly slotPfns: number[] = [];
  private readonly pins = new Map<number, number>();
  private readonly base: number;
  private readonly next = new Map<number, Candidate>();
  explained = 0;
  skippedPfn = 0;
  /** The reading of the event that did not fit, once one did not. */
  misfit: Reading | undefined;

  constructor(
    readonly graph: StateGraph,
    private readonly tracing: boolean,
    /** Start from any reachable state, not only the initial ones (a log captured mid-behaviour). */
    anyStart = false,
  ) {
    const p = graph.mapping.pages.length;
    this.base = (p + 1) ** p;
    this.frontier = (anyStart ? graph.reachableNodes() : graph.initialNodes()).map((node) => ({ node, perm: [], code: 0, parent: null, steps: [] }));
  }

  /** What `e` says, in the spec's terms; undefined when its pfn is not modelled (every page is bound to another pfn). */
  read(e: LogEvent): Reading | undefined {
    let slot = this.slots.get(e.pfn);
    const fresh = slot === undefined;
    if (slot === undefined) {
      if (this.slotPfns.length >= this.graph.mapping.pages.length) return undefined;
      slot = this.slotPfns.length;
    }
    let count = e.count;
    let val = e.val;
    let kind: string = e.name;
    if (this.graph.mapping.pins === "one") {
      let pins = this.pins.get(e.pfn) ?? 0;
      const abs = Math.abs(val);
      const plain = e.name === "page_ref_mod" || e.name === "page_ref_mod_and_test" || e.name === "page_ref_mod_and_return";
      if (plain && (abs === 1024 || abs === 1023)) {
        // GUP_PIN_COUNTING_BIAS: a small folio's pin adds 1024 (gup-fast: 1, then 1023 more)
        const sign = Math.sign(val);
        pins += sign;
        val = abs === 1024 ? sign : 0;
        if (abs === 1024) kind = sign > 0 ? "pin" : "unpin";
      }
      count -= 1023 * pins;
    }
    return { slot, fresh, change: countChange(e, count, val), kind, count, val };
  }

  /** Advances the consistent set over `e`; on a misfit the set is left as it was before `e`. */
  feed(e: LogEvent): Outcome {
    const r = this.read(e);
    if (r === undefined) {
      this.skippedPfn++;
      return "skipped";
    }
    const next = this.next;
    next.clear();
    const { allowed, declared } = this.graph.mapping;
    const { change } = r;
    const frontier = this.frontier;
    for (let c = 0; c < frontier.length; c++) {
      const cand = frontier[c]!;
      const cl = this.graph.closure(cand.node);
      const pages = r.fresh ? this.pagesFor(cand, r) : undefined;
      for (let k = 0, np = pages === undefined ? 1 : pages.length; k < np; k++) {
        const page = pages === undefined ? cand.perm[r.slot]! : pages[k]!;
        if (change.kind === "read" || (change.from === undefined && !declared)) {
          // nothing changed (or a set to the value the page has: no step of the spec need log it)
          for (let i = 0; i < cl.nodes.length; i++) if (cl.nodes[i]!.counts[page] === change.to) this.add(cand, r, page, cl.nodes[i]!, i, -1);
        } else if (change.from === undefined) {
          // a declared mapping: a set to the same value is a step of an action that logs page_ref_set
          for (let i = 0; i < cl.nodes.length; i++) {
            if (cl.nodes[i]!.counts[page] !== change.to) continue;
            for (const mv of this.graph.moves(cl.nodes[i]!).hidden) if (allowed[mv.action]!.has(r.kind)) this.add(cand, r, page, mv.to, i, mv.action);
          }
        }
        if (change.kind === "read") continue;
        const exits = cl.exits[page]!;
        for (let j = 0; j < exits.length; j++) {
          const x = exits[j]!;
          if (x.to.counts[page] !== change.to || (change.from !== undefined && x.from !== change.from)) continue;
          const ok = allowed[x.action];
          if (ok === null || ok.has(r.kind)) this.add(cand, r, page, x.to, x.at, x.action);
        }
      }
    }
    if (next.size === 0) {
      this.misfit = r;
      return "misfit";
    }
    if (r.fresh) {
      this.slots.set(e.pfn, r.slot);
      this.slotPfns.push(e.pfn);
    }
    this.commitPins(e);
    this.frontier = [...next.values()];
    this.explained++;
    return "explained";
  }

  /** The pages the event's pfn may be for this candidate: its bound page, or any page it has not bound. */
  pagesFor(cand: Candidate, r: Reading): readonly number[] {
    if (!r.fresh) return [cand.perm[r.slot]!];
    const free: number[] = [];
    for (let p = 0; p < this.graph.mapping.pages.length; p++) if (!cand.perm.includes(p)) free.push(p);
    return free;
  }

  private commitPins(e: LogEvent): void {
    if (this.graph.mapping.pins !== "one") return;
    const plain = e.name === "page_ref_mod" || e.name === "page_ref_mod_and_test" || e.name === "page_ref_mod_and_return";
    const abs = Math.abs(e.val);
    if (plain && (abs === 1024 || abs === 1023)) this.pins.set(e.pfn, (this.pins.get(e.pfn) ?? 0) + Math.sign(e.val));
  }

  private add(cand: Candidate, r: Reading, page: number, to: Node, at: number, action: number): void {
    const perm = r.fresh ? [...cand.perm, page] : cand.perm;
    const code = r.fresh ? cand.code + (page + 1) * (this.graph.mapping.pages.length + 1) ** r.slot : cand.code;
    const key = to.id * this.base + code;
    if (this.next.has(key)) return;
    let steps: { action: number; node: Node }[] = [];
    if (this.tracing) {
      steps = hiddenPath(this.graph.closure(cand.node), at);
      if (action >= 0) steps.push({ action, node: to });
    }
    this.next.set(key, { node: to, perm, code, parent: this.tracing ? cand : null, steps });
  }
}
