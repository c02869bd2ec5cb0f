// defineSpec: the one authoring entry point. It checks the definition's shape eagerly, so a
// malformed spec fails at load with a message naming the field, and defers everything that
// depends on constants to build(), which the model compiler calls once per check.

import { McError } from "../result/errors.js";
import {
  SPEC_BRAND,
  type Actions,
  type BuiltSpec,
  type ConstDecls,
  type ConstValue,
  type ConstValues,
  type Invariants,
  type NormalConst,
  type Spec,
  type SpecDef,
  type SpecView,
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
  const constants = normaliseConstants(name, def.constants ?? {});

  const build = (values: { readonly [k: string]: ConstValue }): BuiltSpec<S> => {
    const c = values as ConstValues<D>;
    const actions = resolve(def.actions, c) as Actions<S>;
    checkTable(name, "actions", actions, true);
    const invariants = (def.invariants === undefined ? {} : resolve(def.invariants, c)) as Invariants<S>;
    checkTable(name, "invariants", invariants, false);
    const view = (def.view === undefined ? {} : resolve(def.view, c)) as SpecView<S>;
    const init = def.init;
    return {
      init: Array.isArray(init) ? () => init : () => (init as (c: ConstValues<D>) => Iterable<S>)(c),
      actions,
      invariants,
      view,
    };
  };
  return { [SPEC_BRAND]: true, name, constants, build };
}

/** A field is either the table itself or a function of the constants returning it. */
function resolve<T extends object, C>(field: T | ((c: C) => T), c: C): T {
  return typeof field === "function" ? (field as (c: C) => T)(c) : field;
}

function checkTable(spec: string, field: "actions" | "invariants", table: unknown, needOne: boolean): void {
  if (typeof table === "function") return; // resolved and checked again in build()
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    malformed(spec, `\`${field}\` must be an object mapping names to functions (or a function of the constants returning one)`);
  }
  const entries = Object.entries(table as object);
  if (needOne && entries.length === 0) malformed(spec, `\`${field}\` is empty: a spec needs at least one action`);
  for (const [k, v] of entries) {
    if (typeof v !== "function") malformed(spec, `${field.slice(0, -1)} '${k}' is ${typeof v}, not a function`);
  }
}

function normaliseConstants(spec: string, decls: ConstDecls): { [k: string]: NormalConst } {
  const out: { [k: string]: NormalConst } = {};
  for (const [k, d] of Object.entries(decls)) {
    const n: NormalConst = typeof d === "object" && d !== null ? d : { default: d };
    if (!isConstValue(n.default)) malformed(spec, `constant '${k}' must default to a number, string or boolean`);
    if (n.values !== undefined && (!Array.isArray(n.values) || !n.values.every(isConstValue) || !n.values.includes(n.default))) {
      malformed(spec, `constant '${k}': \`values\` must be an array of numbers, strings or booleans that includes the default`);
    }
    out[k] = n;
  }
  return out;
}

function isConstValue(v: unknown): v is ConstValue {
  return (typeof v === "number" && Number.isFinite(v)) || typeof v === "string" || typeof v === "boolean";
}

function malformed(spec: string, what: string): never {
  throw new McError("MC005", `spec '${spec}': ${what}.`);
}
