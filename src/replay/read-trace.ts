// Reads a saved counterexample (an ITF trace or mc's JSON trace) into one form: per state a
// canonical key, and a function giving the same key for a live state of the spec, so replay
// matches recorded states among the spec's successors without needing the spec's Record types.

import { existsSync, readFileSync } from "node:fs";
import { McError } from "../result/errors.js";
import type { ConstValue } from "../spec/types.js";
import { toItfValue, type ItfValue, type StateShape } from "../report/itf.js";
import { plain } from "../report/json.js";
import { canonItf, canonJs } from "./canonical.js";
import { Decoder } from "../fingerprint/decode.js";
import { Encoder } from "../fingerprint/encode.js";

export interface RecordedTrace {
  readonly format: "ITF" | "mc JSON";
  readonly spec: string | undefined;
  readonly constants: { readonly [name: string]: ConstValue };
  /** What the trace violates, when it says so (foreign ITF traces do not). */
  readonly violation: { readonly kind: string; readonly name: string | null } | undefined;
  /** actions[i]: the action that produced state i (null for the initial state, or unknown). */
  readonly actions: readonly (string | null)[];
  readonly keys: readonly string[];
  /** The recorded states, for messages. */
  readonly shown: readonly unknown[];
  readonly loop: number | undefined;
  /** The loop step's action: null for stuttering, undefined when unknown. */
  readonly loopAction: string | null | undefined;
  /** The canonical key of a live state, comparable with `keys`. */
  key(state: unknown): string;
}

export function readTrace(file: string): RecordedTrace {
  if (!existsSync(file)) throw new McError("MC043", `${file}: no such trace file.`);
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new McError("MC043", `${file}: not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const o = (typeof j === "object" && j !== null ? j : {}) as { [k: string]: unknown };
  if (Array.isArray(o["states"]) && Array.isArray(o["vars"])) return fromItf(file, o);
  const v = o["violation"] as { [k: string]: unknown } | undefined;
  if (v && Array.isArray(v["trace"])) return fromMcJson(file, o, v);
  throw new McError("MC043", `${file}: neither an ITF trace ({ vars, states }) nor an mc JSON trace ({ violation: { trace } }, as written by mc check --trace FILE.json or --json).`);
}

function fromItf(file: string, o: { [k: string]: unknown }): RecordedTrace {
  const meta = (o["#meta"] ?? {}) as { [k: string]: unknown };
  const vars = o["vars"] as string[];
  const states = o["states"] as { [k: string]: ItfValue }[];
  if (states.length === 0) throw new McError("MC043", `${file}: the ITF trace has no states.`);
  const shape = (meta["mc-state"] ?? "record") as StateShape;
  const value = (s: { [k: string]: ItfValue }, i: number): ItfValue => {
    for (const v of vars) if (!(v in s)) throw new McError("MC043", `${file}: state ${i} has no value for variable '${v}' (every state must set every variable in vars).`);
    if (shape === "wrapped") return s["state"]!;
    const rec: { [k: string]: ItfValue } = {};
    for (const v of vars) rec[v] = s[v]!;
    return shape === "map" ? { "#map": vars.map((v) => [v, rec[v]!]) } : rec;
  };
  const loop = o["loop"];
  if (loop !== undefined && (typeof loop !== "number" || !Number.isInteger(loop) || loop < 0 || loop >= states.length)) {
    throw new McError("MC043", `${file}: loop ${String(loop)} is not the index of a state (0..${states.length - 1}).`);
  }
  const values = states.map(value);
  const violation = meta["mc-violation"] as RecordedTrace["violation"];
  return {
    format: "ITF",
    spec: typeof meta["mc-spec"] === "string" ? meta["mc-spec"] : undefined,
    constants: (meta["mc-constants"] ?? {}) as RecordedTrace["constants"],
    violation,
    actions: states.map((s, i) => {
      const a = (s["#meta"] as { action?: unknown } | undefined)?.action;
      return i > 0 && typeof a === "string" ? a : null;
    }),
    keys: values.map(canonItf),
    shown: values,
    loop,
    loopAction: "mc-loop-action" in meta ? (meta["mc-loop-action"] as string | null) : undefined,
    key: (s) => canonItf(toItfValue(s)),
  };
}

function fromMcJson(file: string, o: { [k: string]: unknown }, v: { [k: string]: unknown }): RecordedTrace {
  const trace = v["trace"] as { action?: unknown; state?: unknown; value?: unknown }[];
  if (trace.length === 0 || !trace.every((t) => typeof t === "object" && t !== null && "state" in t)) {
    throw new McError("MC043", `${file}: violation.trace must be a non-empty list of { action, state }.`);
  }
  const loop = v["loop"];
  if (loop !== undefined && (typeof loop !== "number" || !Number.isInteger(loop) || loop < 0 || loop >= trace.length)) {
    throw new McError("MC043", `${file}: loop ${String(loop)} is not the index of a state (0..${trace.length - 1}).`);
  }
  return {
    format: "mc JSON",
    spec: typeof o["spec"] === "string" ? o["spec"] : undefined,
    constants: (o["constants"] ?? {}) as RecordedTrace["constants"],
    violation: typeof v["kind"] === "string" ? { kind: v["kind"], name: (v["name"] ?? null) as string | null } : undefined,
    actions: trace.map((t, i) => (i > 0 && typeof t.action === "string" ? t.action : null)),
    ...keyed(trace),
    shown: trace.map((t) => t.state),
    loop,
    loopAction: "loopAction" in v ? (v["loopAction"] as string | null) : undefined,
  };
}

/**
 * How recorded states are compared with live ones. A trace mc wrote with --trace has each state
 * typed (`value`, as ITF): compared as ITF values, sets and maps in any order. A trace without
 * them (--json's output, older files) has only toJS() forms, in which a Set is an array in the
 * order mc printed it: the canonical form (see the README's contract), so a live state is put
 * into that form before it is compared.
 */
function keyed(trace: readonly { state?: unknown; value?: unknown }[]): Pick<RecordedTrace, "keys" | "key"> {
  if (trace.every((t) => t.value !== undefined)) {
    return { keys: trace.map((t) => canonItf(t.value as ItfValue)), key: (s) => canonItf(toItfValue(s)) };
  }
  const enc = new Encoder();
  const dec = new Decoder();
  return {
    keys: trace.map((t) => canonJs(t.state)),
    // through JSON, as the file went: toJS() form, undefined and NaN as JSON writes them
    key: (s) => {
      let c = s;
      try {
        enc.encode(s);
        c = dec.decode(enc.buf, 0);
      } catch {
        // not encodable: compared as it is (and then it fits no recorded state)
      }
      return canonJs(JSON.parse(JSON.stringify(plain(c)) ?? "null"));
    },
  };
}
