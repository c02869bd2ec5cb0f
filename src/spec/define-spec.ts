// defineSpec: the one authoring entry point. It checks the definition's shape eagerly, so a
// malformed spec fails at load with a message naming the field, and defers everything that
// depends on constants to build(), which the model compiler calls once per check.

import { isMap } from "immutable";
import { McError, describeThrown } from "../result/errors.js";
import { isProperty } from "./properties.js";
import {
  SPEC_BRAND,
  type ActionProperties,
  type Actions,
  type Fairness,
  type BuiltSpec,
  type ConstDecls,
  type ConstValue,
  type ConstValues,
  type Invariants,
  type NormalConst,
  type Properties,
  type Spec,
  type SpecDef,
  type SpecView,
  type DeclaredSymmetry,
  type OwnedSet,
  type Symmetry,
} from "./types.js";

export function defineSpec<S, const D extends ConstDecls = {}>(def: SpecDef<S, D>): Spec<S> {
  if (def === null || typeof def !== "object") malformed("?", "defineSpec expects one object { name, init, actions, invariants? }");
  const name = def.name;
  if (typeof name !== "string" || name.length === 0) malformed("?", "`name` must be a non-empty string");
  if (!Array.isArray(def.init) && typeof def.init !== "function") {
    malformed(name, "`init` must be an array of states or a function returning an iterable of states");
  }
  checkTable(name, "actions", def.actions, true);
  if (def.invariants !== undefined) checkTable(name, "invariants", def.invariants, false);
  if (def.actionProperties !== undefined) checkTable(name, "actionProperties", def.actionProperties, false);
  if (def.properties !== undefined) checkProperties(name, def.properties);
  if (def.fairness !== undefined) checkFairness(name, def.fairness);
  if (def.symmetry !== undefined) checkSymmetry(name, def.symmetry);
  if (def.constraints !== undefined) checkTable(name, "constraints", def.constraints, false);
  if (def.terminal !== undefined) checkTable(name, "terminal", def.terminal, false);
  checkSingular(name, def as object);
  const constants = normaliseConstants(name, def.constants ?? {});

  const build = (values: { readonly [k: string]: ConstValue }): BuiltSpec<S> => {
    const c = values as ConstValues<D>;
    const actions = tableOf(name, "actions", def.actions, c, true) as Actions<S>;
    const invariants = (def.invariants === undefined ? {} : tableOf(name, "invariants", def.invariants, c, false)) as Invariants<S>;
    const view = (def.view === undefined ? {} : resolve(def.view, c)) as SpecView<S>;
    const fairness = (def.fairness === undefined ? {} : resolve(def.fairness, c)) as Fairness;
    checkFairness(name, fairness);
    const properties = (def.properties === undefined ? {} : resolve(def.properties, c)) as Properties<S>;
    checkProperties(name, properties);
    const actionProperties = (def.actionProperties === undefined ? {} : tableOf(name, "actionProperties", def.actionProperties, c, false)) as ActionProperties<S>;
    const table = (def.symmetry === undefined ? {} : resolve(def.symmetry, c)) as Symmetry;
    checkSymmetry(name, table);
    const symmetry = declared(table);
    const constraints = (def.constraints === undefined ? {} : tableOf(name, "constraints", def.constraints, c, false)) as Invariants<S>;
    const terminal = (def.terminal === undefined ? {} : tableOf(name, "terminal", def.terminal, c, false)) as Invariants<S>;
    const init = def.init;
    return {
      init: Array.isArray(init) ? () => init : () => (init as (c: ConstValues<D>) => Iterable<S>)(c),
      actions,
      invariants,
      view,
      fairness,
      properties,
      actionProperties,
      symmetry,
      constraints,
      terminal,
    };
  };
  return { [SPEC_BRAND]: true, name, constants, build };
}

/** A field is either the table itself or a function of the constants returning it. */
function resolve<T extends object, C>(field: T | ((c: C) => T), c: C): T {
  return typeof field === "function" ? (field as (c: C) => T)(c) : field;
}

/**
 * A table field resolved against the constants. A bare predicate (`terminal: (s) => s.done`, as
 * TLC's config or a first draft writes it) is also a function, so it is called with the
 * constants: what it returns (a boolean) or throws (reading a field of the constants object) is
 * said, with the named form that was meant.
 */
function tableOf<C>(spec: string, field: keyof typeof TABLE_ENTRY, value: unknown, c: C, needOne: boolean): unknown {
  if (typeof value !== "function") return value;
  let table: unknown;
  try {
    table = (value as (c: C) => unknown)(c);
  } catch (e) {
    malformed(spec, bareFunction(field, `threw ${describeThrown(e).split("\n")[0]}`));
  }
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    malformed(spec, bareFunction(field, `returned ${table === null ? "null" : Array.isArray(table) ? "an array" : `${typeof table} ${String(table)}`}, not a table`));
  }
  checkTable(spec, field, table, needOne);
  return table;
}

function bareFunction(field: keyof typeof TABLE_ENTRY, what: string): string {
  return `\`${field}\` is a function, so mc called it with the constants to get its table, and it ${what}. Each ${TABLE_ENTRY[field]} is named: write \`${field}: { ${TABLE_EXAMPLE[field]} }\` (or a function of the constants returning that table)`;
}

const TABLE_EXAMPLE = {
  actions: "Step: (s) => nextState",
  invariants: "Safe: (s) => boolean",
  actionProperties: "Monotone: (before, after, action) => boolean",
  constraints: "Bounded: (s) => boolean",
  terminal: "Done: (s) => boolean",
} as const;

function checkTable(spec: string, field: keyof typeof TABLE_ENTRY, table: unknown, needOne: boolean): void {
  if (typeof table === "function") return; // resolved and checked again in build()
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    malformed(spec, `\`${field}\` must be an object mapping names to functions (or a function of the constants returning one)`);
  }
  const entries = Object.entries(table as object);
  if (needOne && entries.length === 0) malformed(spec, `\`${field}\` is empty: a spec needs at least one action`);
  for (const [k, v] of entries) {
    if (typeof v !== "function") malformed(spec, `${TABLE_ENTRY[field]} '${k}' is ${typeof v}, not a function`);
  }
}

const TABLE_ENTRY = { actions: "action", invariants: "invariant", actionProperties: "action property", constraints: "constraint", terminal: "terminal predicate" } as const;

/**
 * `constraint: (s) => ...` (TLC's singular) would be silently ignored, and a bare function cannot
 * be told from a function of the constants: point at the named table instead.
 */
function checkSingular(spec: string, def: object): void {
  if ("constraint" in def) malformed(spec, "`constraint` is not a field; write `constraints: { Name: (s) => boolean }` (named, as invariants are; or a function of the constants returning that table)");
}

function checkProperties(spec: string, table: unknown): void {
  if (typeof table === "function") return;
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    malformed(spec, "`properties` must be an object mapping names to eventually(p), leadsTo(p, q), infinitelyOften(p) or eventuallyAlways(p)");
  }
  for (const [k, v] of Object.entries(table as object)) {
    if (!isProperty(v)) {
      malformed(spec, `property '${k}' is not a temporal property: build it with eventually(p), leadsTo(p, q), infinitelyOften(p) or eventuallyAlways(p) from mc`);
    }
  }
}

/** Shape only; that each entry names an action is checked when the model is compiled. */
function checkFairness(spec: string, table: unknown): void {
  if (typeof table === "function") return;
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    malformed(spec, '`fairness` must be an object mapping action names to "weak" or "strong"');
  }
  for (const [k, v] of Object.entries(table as object)) {
    if (v !== undefined && v !== "weak" && v !== "strong") malformed(spec, `fairness of action '${k}' is ${JSON.stringify(v) ?? String(v)}; it must be "weak" or "strong"`);
  }
}

/**
 * Each set: distinct strings; no identity in two sets (a permutation of one must not move the
 * other). An owned set ({ ids, owner }) gives every member an owner in one other, plain set.
 */
function checkSymmetry(spec: string, table: unknown): void {
  if (typeof table === "function") return;
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    malformed(spec, '`symmetry` must be an object mapping set names to arrays of identity strings, e.g. { Threads: ids("t", T) }');
  }
  const setOf = new Map<string, string>();
  const owned: [string, { readonly ids: readonly string[]; readonly owner: unknown }][] = [];
  for (const [k, v] of Object.entries(table as object)) {
    if (v === undefined) continue; // declares no set
    const members: unknown = Array.isArray(v) ? v : v !== null && typeof v === "object" && "ids" in v ? (v as { ids: unknown }).ids : undefined;
    if (!Array.isArray(members) || !members.every((x) => typeof x === "string")) {
      malformed(spec, `symmetry set '${k}' must be an array of strings, or { ids: [...], owner: { member: ownerIdentity } } for members that belong to another set's identities`);
    }
    if (!Array.isArray(v)) owned.push([k, v as { ids: readonly string[]; owner: unknown }]);
    for (const id of members as string[]) {
      const prev = setOf.get(id);
      if (prev !== undefined) malformed(spec, `identity '${id}' appears ${prev === k ? "twice in symmetry set '" + k + "'" : `in symmetry sets '${prev}' and '${k}'`}`);
      setOf.set(id, k);
    }
  }
  for (const [k, v] of owned) {
    const owner = ownerTable(v.owner);
    if (owner === null) malformed(spec, `symmetry set '${k}': owner must be an object (or a Map, or an Immutable Map) from each member to its owner's identity`);
    let ownerSet: string | undefined;
    for (const id of v.ids) {
      const o = owner.get(id);
      if (typeof o !== "string") malformed(spec, `symmetry set '${k}': member '${id}' has no owner (every member of an owned set needs one)`);
      const s = setOf.get(o);
      if (s === undefined || s === k || !Array.isArray((table as { readonly [n: string]: unknown })[s])) {
        malformed(spec, `symmetry set '${k}': owner '${o}' of '${id}' is not an identity of another, plain symmetry set (declare it, e.g. { Procs: ids("p", N), ${k}: { ids, owner } })`);
      }
      if (ownerSet !== undefined && s !== ownerSet) malformed(spec, `symmetry set '${k}': its members' owners are in two sets, '${ownerSet}' and '${s}' (one owner set per owned set)`);
      ownerSet = s;
    }
    for (const id of owner.keys()) if (!v.ids.includes(id)) malformed(spec, `symmetry set '${k}': owner names '${id}', which is not one of its members`);
  }
}

/** The table without the entries left undefined (checkSymmetry has checked the rest). */
function declared(table: Symmetry): DeclaredSymmetry {
  return Object.fromEntries(Object.entries(table).filter((e): e is [string, readonly string[] | OwnedSet] => e[1] !== undefined));
}

/** An owned set's owner table as a Map: from a Map, an Immutable Map (its string entries) or an
 * object; null for anything else. */
export function ownerTable(o: unknown): ReadonlyMap<string, string> | null {
  if (o instanceof Map) return o as ReadonlyMap<string, string>;
  if (isMap(o)) return new Map([...o.entries()].filter((e): e is [string, string] => typeof e[0] === "string" && typeof e[1] === "string"));
  if (o === null || typeof o !== "object" || Array.isArray(o)) return null;
  return new Map(Object.entries(o as object).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** `ids("t", 3)` is ["t1", "t2", "t3"]: the identities of a symmetric set. */
export function ids(prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(`${prefix}${i}`);
  return out;
}

function normaliseConstants(spec: string, decls: ConstDecls): { [k: string]: NormalConst } {
  const out: { [k: string]: NormalConst } = {};
  for (const [k, d] of Object.entries(decls)) {
    const n: NormalConst = typeof d === "object" && d !== null ? d : { default: d };
    if (!isConstValue(n.default)) malformed(spec, `constant '${k}' must default to a number, string or boolean`);
    if ((n.min !== undefined || n.max !== undefined) && (typeof n.default !== "number" || !isBound(n.min) || !isBound(n.max) || (n.min !== undefined && n.default < n.min) || (n.max !== undefined && n.default > n.max))) {
      malformed(spec, `constant '${k}': \`min\`/\`max\` must be numbers around a numeric default`);
    }
    if (n.values !== undefined && (!Array.isArray(n.values) || !n.values.every(isConstValue) || !n.values.includes(n.default))) {
      malformed(spec, `constant '${k}': \`values\` must be an array of numbers, strings or booleans that includes the default`);
    }
    out[k] = n;
  }
  return out;
}

function isBound(v: unknown): boolean {
  return v === undefined || (typeof v === "number" && Number.isFinite(v));
}

function isConstValue(v: unknown): v is ConstValue {
  return (typeof v === "number" && Number.isFinite(v)) || typeof v === "string" || typeof v === "boolean";
}

function malformed(spec: string, what: string): never {
  throw new McError("MC005", `spec '${spec}': ${what}.`);
}
