// The authoring types: what a spec author writes and what defineSpec returns.
// A spec is init + actions + invariants over states; constants parameterise all three.
// Fairness, temporal properties and action properties (contract v2) are optional.

import type { Property } from "./properties.js";

/** A state: an Immutable.js value or a JS primitive. Equality is Immutable.is. */
export type State = unknown;

/**
 * What an action returns: null/undefined/false when not enabled, one state, or a plain Array
 * or generator with one successor per element (TLA's `\E p \in S : A(p)`).
 */
export type Next<S> = S | readonly S[] | Generator<S, unknown, unknown> | null | undefined | false;

export type Action<S> = (s: S) => Next<S>;
export type Invariant<S> = (s: S) => boolean;
export type Actions<S> = { readonly [name: string]: Action<S> };
export type Invariants<S> = { readonly [name: string]: Invariant<S> };

/** TLA's WF_vars(A) ("weak") or SF_vars(A) ("strong"), per action name. */
export type FairnessKind = "weak" | "strong";
// `| undefined`: `FAIR ? { A: "weak", B: "weak" } : { A: "weak" }` types its second branch as
// `{ A: "weak"; B?: undefined }`; an entry that is undefined means no fairness, as a missing one.
export type Fairness = { readonly [actionName: string]: FairnessKind | undefined };
export type Properties<S> = { readonly [name: string]: Property<S> };
/** TLA's `[][A]_vars`: checked on every step that changes the state. */
export type ActionProperty<S> = (before: S, after: S, action: string) => boolean;
export type ActionProperties<S> = { readonly [name: string]: ActionProperty<S> };

export type ConstValue = number | string | boolean;

/**
 * Symmetric sets of identities (contract v3), as TLC's SYMMETRY over sets of model values: each
 * entry names a set of distinct strings whose permutations map reachable states to reachable
 * states with the same invariant values. mc explores one state per orbit. An entry whose value
 * is undefined declares no set, so that `SYM ? { Procs: procs } : {}` is a Symmetry.
 */
export type Symmetry = { readonly [setName: string]: readonly string[] | OwnedSet | undefined };

/** A symmetry table as the checker uses it: the entries a spec left undefined dropped. */
export type DeclaredSymmetry = { readonly [setName: string]: readonly string[] | OwnedSet };

/**
 * A symmetric set whose members each belong to a member of another declared set, as a process's
 * threads belong to it: renaming an owner renames its members with it (in declared order), and
 * members are interchangeable only with members of the same owner. The group is every renaming
 * that keeps `owner` as it is (for processes with two threads each, the wreath product).
 */
export interface OwnedSet {
  readonly ids: readonly string[];
  /** Each member's owner, an identity of another (plain) declared set: an object, a Map or an Immutable Map. */
  readonly owner: { readonly [id: string]: string } | ReadonlyMap<string, string> | ImmutableOwnerMap;
}

/** What an owned set reads of an Immutable Map: its entries, checked to be strings when the spec
 * is defined (`Map(object)`'s MapOf type has number keys too, and is not a Map<string, string>). */
export interface ImmutableOwnerMap {
  readonly size: number;
  entries(): Iterable<readonly [unknown, unknown]>;
}

/** A constant declaration: its default, or the default plus the values it may take. */
export type ConstDecl =
  | ConstValue
  | {
      readonly default: ConstValue;
      readonly values?: readonly ConstValue[];
      readonly doc?: string;
      /** Bounds of a numeric constant, checked against --const (error MC075). */
      readonly min?: number;
      readonly max?: number;
    };

export type ConstDecls = { readonly [name: string]: ConstDecl };

type Widen<V> = V extends number ? number : V extends string ? string : V extends boolean ? boolean : never;

/** The values a spec's builders receive: enum-like constants keep their literal union. */
export type ConstValues<D extends ConstDecls> = {
  readonly [K in keyof D]: D[K] extends { readonly values: readonly (infer U)[] }
    ? U
    : D[K] extends { readonly default: infer V }
      ? Widen<V>
      : Widen<D[K]>;
};

/**
 * Optional presentation hooks. They never influence the search, only how a trace reads.
 * `describeStep` names a step in the domain's terms (e.g. `put_page(page0) by gup2`);
 * `counters` lists named counters (refcounts) to print as a timeline under a trace.
 */
export interface SpecView<S> {
  readonly describeStep?: (action: string, before: S, after: S) => string;
  readonly counters?: (s: S) => { readonly [counter: string]: number };
  /**
   * Actions a correct run need never take, such as a `Halt` that only stutters after a fault or
   * a `Finished` for configurations that end: mc does not warn that they are never enabled.
   */
  readonly mayNeverFire?: readonly string[];
  /** How the spec's steps appear in a kernel page_ref log, for `mc validate` (docs/validate.md). */
  readonly log?: SpecLog;
  /**
   * The references a step takes and drops, for the holder ledger under a counterexample
   * (presentation only, never hashed). Without it mc derives them from `counters` and the
   * step's `describeStep` text (docs/mutate.md, "The holder ledger").
   */
  readonly refs?: (action: string, before: S, after: S) => readonly RefEvent[];
}

/**
 * How a spec's steps appear in a kernel page_ref log. Without it, `mc validate` takes the
 * counters named page* as the pages, lets any action explain any event, and counts a pin as 1.
 */
export interface SpecLog {
  /** The counters of `counters` that are struct pages' refcounts, in the order pfns may bind. */
  readonly pages?: readonly string[];
  /**
   * Per action: the page_ref events its steps may log ("page_ref_mod", ..., or "pin"/"unpin" for
   * a val of +1024/-1024). A name also covers its numbered instances (SpecPut: SpecPut2, ...).
   * When given, an action not listed explains no event.
   */
  readonly events?: { readonly [action: string]: readonly string[] };
  /** "one" (default): a FOLL_PIN is one reference in the spec; "bias": the spec adds 1024 itself. */
  readonly pins?: "one" | "bias";
}

/** One reference taken or dropped by a step, as `view.refs` reports it. */
export interface RefEvent {
  /** The counter (as named in `view.counters`) the reference counts in. */
  readonly counter: string;
  readonly op: "take" | "drop";
  /** Who: `gup2`, `truncate`, `the driver`. */
  readonly actor: string;
  /** The kernel call: `try_grab_page`, `put_page`. */
  readonly call: string;
  readonly kind?: RefKind;
}
export type RefKind = "get" | "pin" | "pgmap ref" | "mapping";

/** What a spec author passes to defineSpec. */
export interface SpecDef<S, D extends ConstDecls = {}> {
  readonly name: string;
  readonly constants?: D;
  readonly init: readonly S[] | ((c: ConstValues<D>) => Iterable<S>);
  readonly actions: Actions<S> | ((c: ConstValues<D>) => Actions<S>);
  readonly invariants?: Invariants<S> | ((c: ConstValues<D>) => Invariants<S>);
  readonly view?: SpecView<S> | ((c: ConstValues<D>) => SpecView<S>);
  readonly fairness?: Fairness | ((c: ConstValues<D>) => Fairness);
  readonly properties?: Properties<S> | ((c: ConstValues<D>) => Properties<S>);
  readonly actionProperties?: ActionProperties<S> | ((c: ConstValues<D>) => ActionProperties<S>);
  /** Symmetric identity sets; `--no-symmetry` ignores them. */
  readonly symmetry?: Symmetry | ((c: ConstValues<D>) => Symmetry);
  /**
   * State constraints (TLC's CONSTRAINT), named as invariants are: a state where one is false is
   * checked but not expanded, and the verdict says the result holds only within them. A table,
   * never a bare predicate, so that it cannot be mistaken for a function of the constants.
   */
  readonly constraints?: Invariants<S> | ((c: ConstValues<D>) => Invariants<S>);
  /** The protocol's intended ends: a state with no successor where one holds is not a deadlock. */
  readonly terminal?: Invariants<S> | ((c: ConstValues<D>) => Invariants<S>);
}

export const SPEC_BRAND: unique symbol = Symbol.for("mc.spec");

/** The value defineSpec returns and a spec module exports by default. */
export interface Spec<S = State> {
  readonly [SPEC_BRAND]: true;
  readonly name: string;
  readonly constants: { readonly [name: string]: NormalConst };
  /** Builds the concrete definition for one assignment of constants (already validated). */
  readonly build: (values: { readonly [name: string]: ConstValue }) => BuiltSpec<S>;
}

export interface NormalConst {
  readonly default: ConstValue;
  readonly values?: readonly ConstValue[];
  readonly doc?: string;
  readonly min?: number;
  readonly max?: number;
}

export interface BuiltSpec<S> {
  readonly init: () => Iterable<S>;
  readonly actions: Actions<S>;
  readonly invariants: Invariants<S>;
  readonly view: SpecView<S>;
  readonly fairness: Fairness;
  readonly properties: Properties<S>;
  readonly actionProperties: ActionProperties<S>;
  readonly symmetry: DeclaredSymmetry;
  readonly constraints: Invariants<S>;
  readonly terminal: Invariants<S>;
}
