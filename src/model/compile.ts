// Compiles a Spec plus constant overrides into a Model: the flat, indexed form the explorer
// runs (actions and invariants as arrays in declaration order, so an action is a small integer
// in the parent links), with the initial states computed once.

import { McError, describeThrown } from "../result/errors.js";
import type { Property } from "../spec/properties.js";
import type { Action, ActionProperty, ConstValue, FairnessKind, Invariant, OwnedSet, Spec, SpecView, DeclaredSymmetry } from "../spec/types.js";
import { ownerTable } from "../spec/define-spec.js";
import { SPEC_BRAND } from "../spec/types.js";
import { resolveConstants, type ConstOverrides } from "./constants.js";
import type { SymmetrySets } from "../symmetry/canon.js";

export interface Model {
  readonly name: string;
  /** Where the spec came from, for error messages ("specs/x.ts" or the spec name). */
  readonly file: string;
  readonly constants: { readonly [name: string]: ConstValue };
  readonly init: readonly unknown[];
  readonly actionNames: readonly string[];
  readonly actions: readonly Action<unknown>[];
  readonly invariantNames: readonly string[];
  readonly invariants: readonly Invariant<unknown>[];
  readonly view: SpecView<unknown>;
  /** Per action index: its fairness, or null when it may be stuttered forever. */
  readonly fairness: readonly (FairnessKind | null)[];
  readonly propertyNames: readonly string[];
  readonly properties: readonly Property<unknown>[];
  readonly actionPropertyNames: readonly string[];
  readonly actionProperties: readonly ActionProperty<unknown>[];
  /** State constraints: a state where one is false is checked but not expanded. */
  readonly constraintNames: readonly string[];
  readonly constraints: readonly Invariant<unknown>[];
  /** Terminal predicates: a state with no successor where one holds is not a deadlock. */
  readonly terminalNames: readonly string[];
  readonly terminals: readonly Invariant<unknown>[];
  /** The declared symmetric sets the search reduces by; null without any (or with --no-symmetry). */
  readonly symmetry: SymmetrySets | null;
}

export function isSpec(v: unknown): v is Spec<unknown> {
  return typeof v === "object" && v !== null && (v as { [SPEC_BRAND]?: unknown })[SPEC_BRAND] === true;
}

/** `symmetry: false` (--no-symmetry) compiles the spec without its declared symmetry. */
export function compile(spec: Spec<unknown>, overrides: ConstOverrides = {}, file?: string, o: { readonly symmetry?: boolean } = {}): Model {
  const where = file ?? spec.name;
  const constants = resolveConstants(spec.name, spec.constants, overrides);
  let built;
  try {
    built = spec.build(constants);
  } catch (e) {
    if (e instanceof McError) throw new McError(e.code, `${where}: ${e.message}`);
    throw new McError("MC005", `${where}: building spec '${spec.name}' from its constants threw ${describeThrown(e)}.`);
  }
  let init: unknown[];
  try {
    init = Array.from(built.init());
  } catch (e) {
    throw new McError("MC007", `${where}: init of spec '${spec.name}' threw ${describeThrown(e)}.`);
  }
  if (init.length === 0) {
    throw new McError("MC006", `${where}: spec '${spec.name}' has no initial states (init returned nothing); a spec needs at least one.`);
  }
  const actionNames = Object.keys(built.actions);
  for (const a of Object.keys(built.fairness)) {
    if (!actionNames.includes(a)) {
      throw new McError("MC005", `${where}: fairness entry '${a}' of spec '${spec.name}' names no action; the actions are ${actionNames.join(", ")}.`);
    }
  }
  for (const a of built.view.mayNeverFire ?? []) {
    if (!actionNames.includes(a)) {
      throw new McError("MC005", `${where}: view.mayNeverFire of spec '${spec.name}' names '${a}', which is no action; the actions are ${actionNames.join(", ")}.`);
    }
  }
  return {
    name: spec.name,
    file: where,
    constants,
    init,
    actionNames,
    actions: Object.values(built.actions),
    invariantNames: Object.keys(built.invariants),
    invariants: Object.values(built.invariants),
    view: built.view,
    fairness: actionNames.map((a) => built.fairness[a] ?? null),
    propertyNames: Object.keys(built.properties),
    properties: Object.values(built.properties),
    actionPropertyNames: Object.keys(built.actionProperties),
    actionProperties: Object.values(built.actionProperties),
    constraintNames: Object.keys(built.constraints),
    constraints: Object.values(built.constraints),
    terminalNames: Object.keys(built.terminal),
    terminals: Object.values(built.terminal),
    symmetry: o.symmetry === false ? null : symmetrySets(built.symmetry ?? {}),
  };
}

/** The declared sets, or null when none could move anything (no set of two or more). */
function symmetrySets(table: DeclaredSymmetry): SymmetrySets | null {
  const names = Object.keys(table);
  const members = (v: DeclaredSymmetry[string]): readonly string[] => (isOwned(v) ? v.ids : v);
  if (!names.some((n) => members(table[n]!).length > 1)) return null;
  const owners = new Map<string, string>();
  for (const n of names) {
    const v = table[n]!;
    if (isOwned(v)) for (const id of v.ids) owners.set(id, ownerTable(v.owner)!.get(id)!);
  }
  return { names, sets: names.map((n) => [...members(table[n]!)]), owners };
}

function isOwned(v: DeclaredSymmetry[string]): v is OwnedSet {
  return !Array.isArray(v);
}

/** The declared symmetric sets with their sizes, as a result reports them; undefined without symmetry. */
export function symmetrySizes(model: Model): { readonly [set: string]: number } | undefined {
  return model.symmetry ? Object.fromEntries(model.symmetry.names.map((n, i) => [n, model.symmetry!.sets[i]!.length])) : undefined;
}
