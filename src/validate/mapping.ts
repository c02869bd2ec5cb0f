// Resolves how a spec's steps appear in a page_ref log (its view.log, or the defaults: counters
// named page* are the pages, any action explains any event, a pin counts one) into the indexed
// form the validator runs. A spec with no pages at all is MC058; a malformed view.log MC060.

import type { Model } from "../model/compile.js";
import { showState } from "../model/show-state.js";
import { McError, describeThrown } from "../result/errors.js";
import { PAGE_REF_EVENTS } from "./log-event.js";

/** "pin"/"unpin": a val of +1024/-1024 (GUP_PIN_COUNTING_BIAS), beside the seven event names. */
export const EVENT_KINDS: readonly string[] = [...PAGE_REF_EVENTS, "pin", "unpin"];

export interface LogMapping {
  /** The page counters' names, in binding order. */
  readonly pages: readonly string[];
  /** The pages' counter values in `s`, in the order of `pages`. */
  readonly pageCounts: (s: unknown) => number[];
  /** Per action index: the event kinds it may explain, or null for any. */
  readonly allowed: readonly (ReadonlySet<string> | null)[];
  readonly pins: "one" | "bias";
  /** Whether the spec declared view.log.events (so "why not" lists only those actions). */
  readonly declared: boolean;
}

export function resolveMapping(model: Model): LogMapping {
  const where = `${model.file}: view.log of spec '${model.name}'`;
  const log = model.view.log ?? {};
  const counters = model.view.counters;
  const sample = model.init[0];
  let names: string[] = [];
  if (counters !== undefined) {
    try {
      names = Object.keys(counters(sample));
    } catch (e) {
      throw new McError("MC060", `${model.file}: view.counters of spec '${model.name}' threw ${describeThrown(e)} on initial state ${showState(sample)}.`);
    }
  }
  const pages = log.pages !== undefined ? [...log.pages] : names.filter((n) => /^page/.test(n));
  if (pages.length === 0) {
    throw new McError(
      "MC058",
      `${model.file}: spec '${model.name}' declares no event mapping, so no page_ref event can be explained: name its struct page refcounts in view.counters as page0, page1, ... ` +
        `(counters: (s) => ({ page0: s.rc })), or list them in view.log.pages. Its counters are ${names.length ? names.join(", ") : "none"}.`,
    );
  }
  for (const p of pages) {
    if (!names.includes(p)) throw new McError("MC060", `${where} names page '${p}', which is no counter of view.counters (those are ${names.join(", ") || "none"}).`);
  }
  const events = log.events;
  const allowed = model.actionNames.map((a): ReadonlySet<string> | null => {
    if (events === undefined) return null;
    const base = /^(.*?)\d*$/.exec(a)![1]!;
    return new Set(events[a] ?? events[base] ?? []);
  });
  for (const [a, kinds] of Object.entries(events ?? {})) {
    if (!model.actionNames.some((n) => n === a || new RegExp(`^${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\d+$`).test(n))) {
      throw new McError("MC060", `${where} lists events for '${a}', which is no action of the spec (nor a numbered instance of one); the actions are ${model.actionNames.join(", ")}.`);
    }
    for (const k of kinds) {
      if (!EVENT_KINDS.includes(k)) throw new McError("MC060", `${where} lists event '${k}' for '${a}'; the events are ${EVENT_KINDS.join(", ")}.`);
    }
  }
  if (log.pins !== undefined && log.pins !== "one" && log.pins !== "bias") {
    throw new McError("MC060", `${where} has pins: ${JSON.stringify(log.pins)}; use "one" (a pin is one reference in the spec) or "bias" (the spec adds 1024).`);
  }
  const pageCounts = (s: unknown): number[] => {
    let c: { readonly [k: string]: number };
    try {
      c = counters!(s);
    } catch (e) {
      throw new McError("MC060", `${model.file}: view.counters of spec '${model.name}' threw ${describeThrown(e)} in state ${showState(s)}.`);
    }
    return pages.map((p) => {
      const v = c[p];
      if (typeof v !== "number") throw new McError("MC060", `${model.file}: view.counters of spec '${model.name}' gives page '${p}' as ${showState(v, 60)}, not a number, in state ${showState(s)}.`);
      return v;
    });
  };
  return { pages, pageCounts, allowed, pins: log.pins ?? "one", declared: events !== undefined };
}
