// The holder ledger of a counterexample: who took which reference, at which step, and where it
// was dropped, derived from the replayed trace (presentation only, never part of the hashed
// state). Each step's references come from the view's `refs`, or else from the change of each
// counter in `view.counters`, with the actor and kernel call read from the step's describeStep text.

import type { CounterTimeline, Ledger, LedgerAnomaly, LedgerRow, TraceStep } from "../result/result.js";
import type { RefEvent, RefKind, SpecView } from "../spec/types.js";

interface Open {
  row: { -readonly [K in keyof LedgerRow]: LedgerRow[K] };
}

/** The ledger of a trace with counters (or `view.refs`); undefined when there is nothing to count. */
export function ledgerOf(trace: readonly TraceStep[], counters: readonly CounterTimeline[] | undefined, view: SpecView<unknown>, loop?: number): Ledger | undefined {
  if (!counters?.length && !view.refs) return undefined;
  const rows: Open["row"][] = [];
  const anomalies: LedgerAnomaly[] = [];
  for (const c of counters ?? []) {
    for (let k = 0; k < (c.values[0] ?? 0); k++) rows.push({ counter: c.name, kind: "initial", takenAt: 0, takenBy: "initial state", takeCall: "held at start", droppedAt: null });
  }
  for (let i = 1; i < trace.length; i++) {
    for (const e of eventsOf(i, trace, counters ?? [], view)) {
      const kind = e.kind ?? kindOf(e.counter, e.call, trace[i]!.label ?? "");
      if (e.op === "take") {
        rows.push({ counter: e.counter, kind, takenAt: i, takenBy: e.actor, takeCall: e.call, droppedAt: null });
        continue;
      }
      const open = rows.filter((r) => r.counter === e.counter && r.droppedAt === null);
      // a holder drops its own reference; a mapping or a pgmap reference may be dropped by
      // another actor (zap, memunmap_pages); anything else is the reference held from the start
      const match =
        open.filter((r) => r.takenBy === e.actor).pop() ??
        (kind === "mapping" || kind === "pgmap ref" ? open.filter((r) => r.kind === kind).pop() : undefined) ??
        open.find((r) => r.kind === "initial");
      if (match) Object.assign(match, { droppedAt: i, droppedBy: e.actor, dropCall: e.call });
      else {
        const earlier = rows.filter((r) => r.counter === e.counter && r.takenBy === e.actor && r.droppedAt !== null).pop();
        anomalies.push({ counter: e.counter, step: i, actor: e.actor, call: e.call, what: earlier ? "dropped twice" : "dropped, never taken", ...(earlier ? { earlier: earlier.droppedAt! } : {}) });
      }
    }
  }
  return { rows, anomalies, ...sentence(rows, anomalies, trace, counters ?? [], loop) };
}

/** A step's references: the view's own account, or one per unit each counter moved. */
function eventsOf(i: number, trace: readonly TraceStep[], counters: readonly CounterTimeline[], view: SpecView<unknown>): readonly RefEvent[] {
  const step = trace[i]!;
  if (view.refs) {
    try {
      return view.refs(step.action!, trace[i - 1]!.state, step.state);
    } catch {
      return [];
    }
  }
  const { actor, call } = parseLabel(step.label, step.action!);
  const out: RefEvent[] = [];
  for (const c of counters) {
    const a = c.values[i - 1];
    const b = c.values[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    for (let k = 0; k < Math.abs(b - a); k++) out.push({ counter: c.name, op: b > a ? "take" : "drop", actor, call });
  }
  return out;
}

/** `put_page(page0) by gup1 (page0 1 → 0)`: actor gup1, call put_page; without "by", the action names the actor. */
export function parseLabel(label: string | undefined, action: string): { actor: string; call: string } {
  const text = label ?? action;
  const by = /\bby ([^:(,]+?)(?:\s*[:(,]|$)/.exec(text);
  const call = /([A-Za-z_][\w]*)\(/.exec(text)?.[1] ?? /^([\w-]+):/.exec(text)?.[1] ?? text.replace(/\s*\([^()]*→[^()]*\)/g, "").trim();
  return { actor: by ? by[1]!.trim() : action, call };
}

/** The kind of a reference, from its counter, its kernel call, then the step's words. */
function kindOf(counter: string, call: string, label: string): RefKind {
  if (/map(count)?$/i.test(counter) && !/pgmap/i.test(counter)) return "mapping";
  if (/pgmap|percpu|pagemap/i.test(counter) || /percpu_ref|dev_pagemap/i.test(call)) return "pgmap ref";
  if (/pin|grab/i.test(call)) return "pin";
  if (/get|put|try/i.test(call)) return "get";
  if (/\b(un)?maps?\b|unmap|zap|fault|insert/i.test(label)) return "mapping";
  return "get";
}

const who = (r: LedgerRow): string => (r.kind === "initial" ? `the reference held since the initial state` : `the reference ${r.takenBy} took at step ${r.takenAt} (${r.takeCall})`);

/** "the reference held since the initial state (×2) and the reference gup1 took at step 2 (...)" */
function listed(rows: readonly LedgerRow[], withCounter: boolean): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const k = `${withCounter ? `${r.counter}: ` : ""}${who(r)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n === 1 ? k : `${k} (×${n})`)).join(" and ");
}

type Blame = { sentence: string; culprit: Ledger["culprit"] };

/** The one sentence a reviewer wants: the reference that is never put, or the put that had no get. */
function sentence(rows: readonly LedgerRow[], anomalies: readonly LedgerAnomaly[], trace: readonly TraceStep[], counters: readonly CounterTimeline[], loop?: number): Blame {
  const last = trace.length - 1;
  const value = (name: string, i = last): number | null => counters.find((c) => c.name === name)?.values[i] ?? null;
  const when = loop !== undefined ? `around the cycle (steps ${loop}..${last}, forever)` : `at step ${last} (${trace[last]?.label ?? trace[last]?.action ?? "the initial state"})`;
  const held = (name: string, except?: LedgerRow): string => {
    const open = rows.filter((r) => r.counter === name && r.droppedAt === null && r !== except);
    return open.length === 0 ? "no reference is held" : `${listed(open, false)} ${open.length === 1 ? "is" : "are"} still held`;
  };
  const a = anomalies[0];
  if (a) {
    const what = a.what === "dropped twice" ? `${a.actor} drops its reference on ${a.counter} a second time at step ${a.step} (${a.call}; the first drop was at step ${a.earlier})` : `step ${a.step} (${a.call} by ${a.actor}) drops a reference on ${a.counter} that no holder took`;
    return { sentence: `${what}; ${a.counter} is at ${value(a.counter, a.step)} after it, and ${held(a.counter)}.`, culprit: { step: a.step, actor: a.actor, counter: a.counter } };
  }
  const moved = loop === undefined ? rows.filter((r) => r.takenAt === last || r.droppedAt === last) : [];
  const take = moved.find((r) => r.takenAt === last);
  if (take) {
    const culprit = { step: last, actor: take.takenBy, counter: take.counter };
    if (value(take.counter, last - 1) === 0) return { sentence: `${take.takenBy} takes a reference on ${take.counter} at step ${last} (${take.takeCall}) while it is at 0: a get on an object no holder keeps alive.`, culprit };
    return { sentence: `step ${last} (${take.takeCall} by ${take.takenBy}) takes a reference on ${take.counter}, bringing it to ${value(take.counter)}, while ${held(take.counter, take).replace(/ still held$/, " held")}.`, culprit };
  }
  const drop = moved.find((r) => r.droppedAt === last);
  if (drop) return { sentence: `step ${last} (${drop.dropCall} by ${drop.droppedBy}) drops ${who(drop)}; ${drop.counter} is now at ${value(drop.counter)}, and ${held(drop.counter)}.`, culprit: { step: last, actor: drop.droppedBy!, counter: drop.counter } };
  const culprit = rows.filter((r) => r.droppedAt === null && r.kind !== "initial").pop();
  if (culprit) return { sentence: `${who(culprit)} is never put; ${culprit.counter} is still at refcount ${value(culprit.counter)} ${when}.`, culprit: { step: culprit.takenAt, actor: culprit.takenBy, counter: culprit.counter } };
  const dropped = rows.filter((r) => r.droppedAt !== null).sort((x, y) => x.droppedAt! - y.droppedAt!).pop();
  const stillHeld = rows.filter((r) => r.droppedAt === null);
  if (dropped) {
    const rest = stillHeld.length === 0 ? "every reference is put" : `${listed(stillHeld, true)} ${stillHeld.length === 1 ? "is" : "are"} still held`;
    return {
      sentence: `the last reference dropped is ${who(dropped)}, at step ${dropped.droppedAt} (${dropped.dropCall} by ${dropped.droppedBy}); ${dropped.counter} is at ${value(dropped.counter)} ${when}, and ${rest}.`,
      culprit: { step: dropped.droppedAt!, actor: dropped.droppedBy!, counter: dropped.counter },
    };
  }
  // nothing moved: a step that takes and drops within itself (a get that faults, then its put)
  const { actor, call } = parseLabel(trace[last]?.label, trace[last]?.action ?? "");
  const flat = counters.map((c) => `${c.name} stays at ${c.values[last]}`).join(", ");
  if (last === 0) return { sentence: `no step is taken; ${flat}.`, culprit: null };
  return { sentence: `no counter moves along the trace (${flat}): step ${last} (${call} by ${actor}) breaks it within one step, where its takes and drops cancel out.`, culprit: { step: last, actor, counter: counters[0]?.name ?? "" } };
}
