// The ITF writer against the rules of Apalache's ADR-015 (the ITF spec) and what Quint's reader
// (quint/src/itf.ts) accepts: every value kind mc states can hold, the three state shapes, a
// lasso, and the way back through mc's reader.
import { List, Map as IMap, OrderedMap, OrderedSet, Record, Set as ISet, Stack } from "immutable";
import { describe, expect, it } from "vitest";
import { renderItf, toItfValue } from "../../src/report/itf.js";
import type { CheckResult, TraceStep } from "../../src/result/result.js";
import { canonItf } from "../../src/replay/canonical.js";
import { readTrace } from "../../src/replay/read-trace.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/temp.js";

/** ADR-015's expression grammar; also Quint's: every plain number an integer, no `tag` field. */
function checkValue(v: unknown, at: string): void {
  if (typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") {
    expect(Number.isSafeInteger(v), `${at}: a JSON number must be an integer in ±(2^53-1)`).toBe(true);
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => checkValue(x, `${at}[${i}]`));
  expect(typeof v === "object" && v !== null, `${at}: an expression is a string, bool, number, array or object`).toBe(true);
  const o = v as { [k: string]: unknown };
  const keys = Object.keys(o);
  const special = keys.filter((k) => k.startsWith("#"));
  if (special.length > 0) {
    expect(keys, `${at}: a #-form has exactly one key`).toHaveLength(1);
    const [k] = special;
    const x = o[k!];
    if (k === "#bigint") expect(x).toMatch(/^-?[0-9]+$/);
    else if (k === "#unserializable") expect(typeof x).toBe("string");
    else if (k === "#set" || k === "#tup") {
      expect(Array.isArray(x)).toBe(true);
      (x as unknown[]).forEach((e, i) => checkValue(e, `${at}.${k}[${i}]`));
    } else if (k === "#map") {
      expect(Array.isArray(x)).toBe(true);
      for (const p of x as unknown[]) {
        expect(Array.isArray(p) && p.length === 2, `${at}: #map holds [key, value] pairs`).toBe(true);
        checkValue((p as unknown[])[0], `${at}.key`);
        checkValue((p as unknown[])[1], `${at}.value`);
      }
    } else throw new Error(`${at}: unknown form ${k}`);
    return;
  }
  expect(keys, `${at}: Quint reads a record with a 'tag' field as a variant`).not.toContain("tag");
  for (const k of keys) checkValue(o[k], `${at}.${k}`);
}

function checkTrace(text: string): { vars: string[]; states: { [k: string]: unknown }[]; loop?: number; "#meta": { [k: string]: unknown } } {
  const t = JSON.parse(text);
  expect(Object.keys(t).every((k) => ["#meta", "params", "vars", "states", "loop"].includes(k))).toBe(true);
  expect(Array.isArray(t.vars) && t.vars.every((v: unknown) => typeof v === "string" && !v.startsWith("#"))).toBe(true);
  expect(Array.isArray(t.states)).toBe(true);
  t.states.forEach((s: { [k: string]: unknown }, i: number) => {
    expect((s["#meta"] as { index: number }).index).toBe(i);
    expect(Object.keys(s).filter((k) => k !== "#meta").sort()).toEqual([...t.vars].sort());
    for (const v of t.vars) checkValue(s[v], `states[${i}].${v}`);
  });
  if (t.loop !== undefined) expect(Number.isInteger(t.loop) && t.loop >= 0 && t.loop < t.states.length).toBe(true);
  return t;
}

const result = (trace: TraceStep[], extra: object = {}): CheckResult => ({
  spec: "hand-built",
  file: "hand-built.ts",
  verdict: "violation",
  distinctStates: trace.length,
  generatedStates: trace.length,
  depth: trace.length,
  violation: { kind: "invariant", name: "Inv", trace, ...extra },
  strategy: "bfs",
  workers: 1,
  constants: { N: 2 },
  durationMs: 1,
  collisionProbability: 0,
  storeBytes: 0,
});

const Inner = Record({ flag: false, label: "" });
const Top = Record({
  n: 0,
  big: 0,
  frac: 0,
  nothing: null as null | number,
  list: List<number>(),
  stack: Stack<string>(),
  set: ISet<number>(),
  oset: OrderedSet<string>(),
  map: IMap<unknown, unknown>(),
  omap: OrderedMap<string, number>(),
  inner: Inner(),
});

describe("ITF output", () => {
  it("writes every value kind in ADR-015's forms", () => {
    const s0 = Top();
    const s1 = Top({
      n: -7,
      big: 2 ** 60,
      frac: 1.5,
      nothing: null,
      list: List([1, 2]),
      stack: Stack(["a", "b"]),
      set: ISet([3, 1]),
      oset: OrderedSet(["z", "y"]),
      map: IMap<unknown, unknown>([[1, "one"], [List([1]), ISet([true])]]),
      omap: OrderedMap([["b", 2], ["a", 1]]),
      inner: Inner({ flag: true, label: "x" }),
    });
    const t = checkTrace(renderItf(result([{ action: null, state: s0 }, { action: "Go", state: s1 }]))!);
    expect(t.vars).toEqual(["n", "big", "frac", "nothing", "list", "stack", "set", "oset", "map", "omap", "inner"]);
    expect(t["#meta"]["mc-state"]).toBe("record");
    expect(t.states[1]).toEqual({
      "#meta": { index: 1, action: "Go" },
      n: -7,
      big: { "#bigint": (2n ** 60n).toString() },
      frac: { "#unserializable": "1.5" },
      nothing: { "#unserializable": "null" },
      list: [1, 2],
      stack: ["a", "b"],
      set: { "#set": [3, 1] },
      oset: { "#set": ["z", "y"] },
      map: { "#map": [[1, "one"], [[1], { "#set": [true] }]] },
      omap: { "#map": [["b", 2], ["a", 1]] },
      inner: { flag: true, label: "x" },
    });
    // Immutable's forEach stops at a callback returning false: a false field must not end the record
    expect(t.states[0]!["inner"]).toEqual({ flag: false, label: "" });
    expect(toItfValue(Record({ a: false, b: 0, c: false, d: "x" })())).toEqual({ a: false, b: 0, c: false, d: "x" });
    expect(toItfValue(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(toItfValue(-(2 ** 53))).toEqual({ "#bigint": (-(2n ** 53n)).toString() });
  });

  it("a Map of the same string keys in every state gives the variables; anything else is wrapped in `state`", () => {
    const m = checkTrace(renderItf(result([{ action: null, state: IMap({ a: 1, b: 2 }) }, { action: "X", state: IMap({ b: 3, a: 1 }) }]))!);
    expect(m.vars).toEqual(["a", "b"]);
    expect(m["#meta"]["mc-state"]).toBe("map");
    expect(m.states[1]).toMatchObject({ a: 1, b: 3 });
    const n = checkTrace(renderItf(result([{ action: null, state: 0 }, { action: "Tick", state: 1 }]))!);
    expect(n.vars).toEqual(["state"]);
    expect(n.states[1]).toMatchObject({ state: 1 });
    const grow = checkTrace(renderItf(result([{ action: null, state: IMap({ a: 1 }) }, { action: "X", state: IMap({ a: 1, b: 2 }) }]))!);
    expect(grow.vars).toEqual(["state"]);
    expect(grow.states[1]).toMatchObject({ state: { "#map": [["a", 1], ["b", 2]] } });
  });

  it("a lasso carries ITF's loop and the loop step's action", () => {
    const t = checkTrace(renderItf({ ...result([{ action: null, state: 0 }, { action: "Tick", state: 1 }, { action: "Tick", state: 2 }], { loop: 1, loopAction: "Tick" }), violation: { kind: "liveness", name: "P", trace: [{ action: null, state: 0 }, { action: "Tick", state: 1 }, { action: "Tick", state: 2 }], loop: 1, loopAction: "Tick" } })!);
    expect(t.loop).toBe(1);
    expect(t["#meta"]["mc-loop-action"]).toBe("Tick");
    expect(t["#meta"]["mc-violation"]).toEqual({ kind: "liveness", name: "P" });
  });

  it("reads back: each recorded state's key is the key of the live state, sets and maps in any order", () => {
    const states = [Top(), Top({ set: ISet([1, 2, 3]), map: IMap([[2, "b"], [1, "a"]]), big: 2 ** 55, nothing: null, frac: 0.25 })];
    const dir = tempDir("mc-itf-");
    const file = join(dir, "t.itf.json");
    writeFileSync(file, renderItf(result(states.map((state, i) => ({ action: i ? "Go" : null, state }))))!);
    const t = readTrace(file);
    expect(t.format).toBe("ITF");
    expect(t.actions).toEqual([null, "Go"]);
    expect(states.map((s) => t.key(s))).toEqual(t.keys);
    // the same set and map built in another order are the same state
    expect(t.key(Top({ set: ISet([3, 2, 1]), map: IMap([[1, "a"], [2, "b"]]), big: 2 ** 55, nothing: null, frac: 0.25 }))).toBe(t.keys[1]);
    expect(t.key(Top({ set: ISet([3, 2]) }))).not.toBe(t.keys[1]);
    // an integer is the same whether written as a number or as #bigint
    expect(canonItf(5)).toBe(canonItf({ "#bigint": "5" }));
    // a bare JSON null (not ITF) reads as mc's encoding of null
    expect(canonItf(null as unknown as number)).toBe(canonItf({ "#unserializable": "null" }));
  });
});
