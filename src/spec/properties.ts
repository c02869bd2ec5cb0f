// Temporal properties over state predicates, TLA's <>p, p ~> q, []<>p and <>[]p. They are
// plain tagged data: the checker (src/explore/liveness) decides them on the state graph.

export type StatePredicate<S> = (s: S) => boolean;

export const PROPERTY_BRAND: unique symbol = Symbol.for("mc.property");

/** A temporal property of every (fair) behaviour of a spec. */
export type Property<S> =
  | { readonly [PROPERTY_BRAND]: true; readonly kind: "eventually"; readonly p: StatePredicate<S> }
  | { readonly [PROPERTY_BRAND]: true; readonly kind: "leadsTo"; readonly p: StatePredicate<S>; readonly q: StatePredicate<S> }
  | { readonly [PROPERTY_BRAND]: true; readonly kind: "infinitelyOften"; readonly p: StatePredicate<S> }
  | { readonly [PROPERTY_BRAND]: true; readonly kind: "eventuallyAlways"; readonly p: StatePredicate<S> };

export type PropertyKind = Property<unknown>["kind"];

/** TLA's `<>p`: every behaviour reaches a state where p holds. */
export function eventually<S>(p: StatePredicate<S>): Property<S> {
  return { [PROPERTY_BRAND]: true, kind: "eventually", p: need(p, "eventually") };
}

/** TLA's `p ~> q`, i.e. `[](p => <>q)`: every p-state is followed (now or later) by a q-state. */
export function leadsTo<S>(p: StatePredicate<S>, q: StatePredicate<S>): Property<S> {
  return { [PROPERTY_BRAND]: true, kind: "leadsTo", p: need(p, "leadsTo"), q: need(q, "leadsTo") };
}

/** TLA's `[]<>p`: p holds infinitely often. */
export function infinitelyOften<S>(p: StatePredicate<S>): Property<S> {
  return { [PROPERTY_BRAND]: true, kind: "infinitelyOften", p: need(p, "infinitelyOften") };
}

/** TLA's `<>[]p`: from some point on, p holds forever. */
export function eventuallyAlways<S>(p: StatePredicate<S>): Property<S> {
  return { [PROPERTY_BRAND]: true, kind: "eventuallyAlways", p: need(p, "eventuallyAlways") };
}

export function isProperty(v: unknown): v is Property<unknown> {
  return typeof v === "object" && v !== null && (v as { [PROPERTY_BRAND]?: unknown })[PROPERTY_BRAND] === true;
}

function need<S>(p: StatePredicate<S>, fn: string): StatePredicate<S> {
  if (typeof p !== "function") throw new TypeError(`${fn}() expects state predicates (s) => boolean, got ${typeof p}`);
  return p;
}
