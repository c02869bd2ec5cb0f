// validateLog(): reads a page_ref log line by line and checks it against a compiled spec. Returns
// plain data (verdict "fits" or "misfit", counts, the first unexplained event with why no action
// explains it, and with `trace` the behaviour explaining the longest explained prefix).

import { statSync } from "node:fs";
import type { Model } from "../model/compile.js";
import { McError, describeThrown } from "../result/errors.js";
import type { TraceStep } from "../result/result.js";
import { whyNot, type WhyNot } from "./explain.js";
import { parseFtraceLine, type ParsedLine } from "./ftrace.js";
import { resolveMapping } from "./mapping.js";
import { parseNdjsonLine } from "./ndjson.js";
import { forEachLine } from "./read-lines.js";
import { StateGraph } from "./state-graph.js";
import { Validator, type Candidate } from "./validator.js";

export type LogFormat = "ftrace" | "ndjson";

export interface ValidateOptions {
  readonly format?: LogFormat;
  /** Hidden steps allowed between two logged events; default unbounded. */
  readonly maxHidden?: number;
  /** Let the log start in any reachable state of the spec, not only an initial one. */
  readonly anyStart?: boolean;
  /** Keep what is needed to give the behaviour explaining the longest explained prefix (memory grows with the log). */
  readonly trace?: boolean;
}

export interface Misfit {
  /** 1-based: the page_ref event's number among the events on modelled pfns. */
  readonly event: number;
  readonly line: number;
  readonly text: string;
  /** Spec states consistent with the log just before this event, and a few of them. */
  readonly consistent: number;
  readonly states: readonly unknown[];
  /** The page(s) the event's pfn is (or may be, on its first appearance). */
  readonly pages: readonly string[];
  readonly whyNot: readonly WhyNot[];
}

export interface ValidateResult {
  readonly spec: string;
  readonly file: string;
  readonly log: string;
  readonly format: LogFormat;
  readonly verdict: "fits" | "misfit";
  /** page_ref events on modelled pfns, explained. */
  readonly explained: number;
  readonly lines: number;
  readonly skipped: { readonly unmodelledPfn: number; readonly otherEvents: number; readonly comments: number };
  /** Distinct spec states the validation met (M in "M states considered"). */
  readonly statesConsidered: number;
  readonly consistentAtEnd: number;
  /** pfn (as 0x-hex) → page, in one consistent binding. */
  readonly bindings: readonly { readonly pfn: string; readonly page: string }[];
  readonly misfit?: Misfit;
  readonly trace?: readonly TraceStep[];
  readonly durationMs: number;
  /** CPU time of this thread's process during the validation (user + system): the speed on a shared machine. */
  readonly cpuMs: number;
}

function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

export function validateLog(model: Model, log: string, o: ValidateOptions = {}): ValidateResult {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    if (!statSync(log).isFile()) throw new Error("not a regular file");
  } catch (e) {
    throw new McError("MC056", `${log}: cannot read the log (${e instanceof Error && "code" in e ? String((e as { code: unknown }).code) : describeThrown(e)}). Give the path of a file captured from /sys/kernel/tracing/trace, trace_pipe, trace-cmd report, or an ndjson log.`);
  }
  const mapping = resolveMapping(model);
  const graph = new StateGraph(model, mapping, o.maxHidden ?? Infinity);
  const v = new Validator(graph, o.trace === true, o.anyStart === true);
  let format: LogFormat | undefined = o.format;
  let lines = 0;
  let other = 0;
  let comments = 0;
  let misfit: Misfit | undefined;
  forEachLine(log, (text, n) => {
    lines = n;
    if (format === undefined) {
      if (/^\s*$/.test(text)) {
        comments++;
        return true;
      }
      format = /^\s*\{/.test(text) ? "ndjson" : "ftrace";
    }
    const p: ParsedLine = format === "ndjson" ? parseNdjsonLine(text) : parseFtraceLine(text);
    switch (p.kind) {
      case "comment":
        comments++;
        return true;
      case "other":
        other++;
        return true;
      case "lost":
        throw new McError("MC057", `${log}:${n}: the log lost events here (${text.trim()}): the kernel's ring buffer overflowed, so the events between are missing and the log cannot be checked. Capture again with a larger buffer_size_kb, a pfn filter, or trace_pipe read continuously.`);
      case "bad":
        throw new McError("MC057", `${log}:${n}: this line is not a trace line: ${JSON.stringify(text.length > 200 ? text.slice(0, 200) + "…" : text)}; expected ${p.expected}${o.format === undefined ? ` (the format was taken as ${format} from the first line; --format ftrace|ndjson says which)` : ""}.`);
    }
    const before = v.frontier;
    const outcome = v.feed(p.event);
    if (outcome !== "misfit") return true;
    const r = v.misfit!;
    const pages = [...new Set(before.flatMap((c) => v.pagesFor(c, r)))].map((pg) => mapping.pages[pg]!);
    const states: unknown[] = [];
    for (const c of before) if (states.length < 3 && !states.includes(c.node.state)) states.push(c.node.state);
    misfit = { event: v.explained + 1, line: n, text, consistent: new Set(before.map((c) => c.node)).size, states, pages, whyNot: whyNot(v, r, p.event) };
    return false;
  });
  const first = v.frontier[0];
  return {
    spec: model.name,
    file: model.file,
    log,
    format: format ?? o.format ?? "ftrace",
    verdict: misfit === undefined ? "fits" : "misfit",
    explained: v.explained,
    lines,
    skipped: { unmodelledPfn: v.skippedPfn, otherEvents: other, comments },
    statesConsidered: graph.size,
    consistentAtEnd: new Set(v.frontier.map((c) => c.node)).size,
    bindings: first ? v.slotPfns.map((pfn, slot) => ({ pfn: `0x${pfn.toString(16)}`, page: mapping.pages[first.perm[slot]!]! })) : [],
    ...(misfit ? { misfit } : {}),
    ...(o.trace && first ? { trace: behaviour(model, first) } : {}),
    durationMs: performance.now() - started,
    cpuMs: cpuMs(cpu0),
  };
}

/** The behaviour that led to `c`: its initial state, then every hidden and visible step. */
function behaviour(model: Model, c: Candidate): TraceStep[] {
  const chain: Candidate[] = [];
  for (let x: Candidate | null = c; x !== null; x = x.parent) chain.push(x);
  chain.reverse();
  const out: TraceStep[] = [{ action: null, state: chain[0]!.node.state }];
  for (const x of chain.slice(1)) {
    for (const st of x.steps) {
      const action = model.actionNames[st.action]!;
      const prev = out[out.length - 1]!.state;
      const label = model.view.describeStep?.(action, prev, st.node.state);
      out.push({ action, state: st.node.state, ...(label !== undefined ? { label } : {}) });
    }
  }
  return out;
}
