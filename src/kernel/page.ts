// struct page / folio refcount primitives (include/linux/mm.h, page_ref.h), named after the
// kernel functions. Each is a pure function over a count that returns the new count plus the
// fault it would trip; the `*In` forms apply one to a named count field of a spec's Record.

import type { FaultCode } from "./fault.js";

/** A count after a primitive ran, and the kernel check it tripped (null if none). */
export interface RefStep {
  readonly count: number;
  readonly fault: FaultCode | null;
}

const ok = (count: number): RefStep => ({ count, fault: null });

/** get_page / folio_get: VM_BUG_ON on a count ≤ 0, but the +1 still happens (§0.2). */
export function get_page(count: number): RefStep {
  return { count: count + 1, fault: count <= 0 ? "get_on_zero" : null };
}
export const folio_get = get_page;
/** try_grab_page (slow gup) WARNs and fails where get_page BUGs; the specs fold both into get_on_zero. */
export const try_grab_page = get_page;

/** get_page_unless_zero / folio_try_get: the new count, or null when the count is 0. Never touches pgmap. */
export function get_page_unless_zero(count: number): number | null {
  return count === 0 ? null : count + 1;
}
export const folio_try_get = get_page_unless_zero;

/** page_ref_add_unless(page, 1, 1): memcg's "get unless free" of the 1-based eras. */
export function page_ref_add_unless_one(count: number): number | null {
  return count === 1 ? null : count + 1;
}

/** folio_ref_inc: a raw +1 with no zero check (era-d dax faults use it before folio_get). */
export function folio_ref_inc(count: number): number {
  return count + 1;
}

/**
 * page_ref_dec_return: −1 and the new value, so the caller can branch on it per era. A put
 * below 0 faults `underflow` and leaves the count where it was: the model halts there anyway,
 * and a stored count never goes negative.
 */
export function page_ref_dec_return(count: number): RefStep {
  return count <= 0 ? { count, fault: "underflow" } : ok(count - 1);
}
/** put_page / folio_put at the refcount level; what reaching 0 or 1 triggers is the era's (eras.ts). */
export const put_page = page_ref_dec_return;
export const folio_put = page_ref_dec_return;

/** set_page_count / folio_set_count: allocators set 1, some free paths reset to 1. */
export function set_page_count(_count: number, to: number): number {
  return to;
}

// ---- Record forms: the same primitives over a named count field plus the `fault` field ----

/** Any Immutable Record with a `fault` field and number-valued count fields K. */
export type CountRecord<K extends string> = { readonly [P in K]: number } & {
  readonly fault: FaultCode | null;
  set(key: K | "fault", value: never): unknown;
};

/** Writes `step.count` into field k and raises its fault (the first fault wins). */
export function applyRef<K extends string, S extends CountRecord<K>>(s: S, k: K, step: RefStep): S {
  const t = (s.set as (key: string, v: unknown) => S).call(s, k, step.count);
  return step.fault !== null && t.fault === null ? (t.set as (key: string, v: unknown) => S).call(t, "fault", step.fault) : t;
}

/** get_page on field k of s. */
export function getPageIn<K extends string, S extends CountRecord<K>>(s: S, k: K): S {
  return applyRef(s, k, get_page(s[k]));
}

/** folio_ref_inc on field k of s. */
export function refIncIn<K extends string, S extends CountRecord<K>>(s: S, k: K): S {
  return applyRef(s, k, ok(folio_ref_inc(s[k])));
}

/** page_ref_dec_return on field k of s; read the new count back with s[k] to branch. */
export function putPageIn<K extends string, S extends CountRecord<K>>(s: S, k: K): S {
  return applyRef(s, k, put_page(s[k]));
}

/** get_page_unless_zero on field k of s: the new state, or null when the count is 0. */
export function tryGetIn<K extends string, S extends CountRecord<K>>(s: S, k: K): S | null {
  const c = get_page_unless_zero(s[k]);
  return c === null ? null : applyRef(s, k, ok(c));
}

// ---- Counts by n: folio_ref_add, page_ref_sub_and_test, folio_put_refs (FOLL_PIN puts 1024 at once) ----

/** folio_ref_add / page_ref_add: a raw +n with no check (gup-fast adds a pin's bias with it). */
export function folio_ref_add(count: number, n: number): number {
  return count + n;
}
export const page_ref_add = folio_ref_add;

/** A count after a put of n, and whether it reached 0 (the caller's cue to free the page). */
export interface PutStep extends RefStep {
  readonly zero: boolean;
}

/**
 * page_ref_sub_and_test / folio_ref_sub_and_test: −n, true when the count reached 0. A put of
 * more than is held faults `underflow` and leaves the count, as page_ref_dec_return does.
 */
export function page_ref_sub_and_test(count: number, n: number): PutStep {
  return count < n ? { count, fault: "underflow", zero: false } : { count: count - n, fault: null, zero: count === n };
}
export const folio_ref_sub_and_test = page_ref_sub_and_test;

/**
 * folio_put_refs (include/linux/mm.h): `if (folio_ref_sub_and_test(folio, refs)) __folio_put(folio)`.
 * At the count level it is page_ref_sub_and_test; `zero` says __folio_put runs (ordinary.ts
 * models an ordinary page's free path, eras.ts a ZONE_DEVICE page's).
 */
export const folio_put_refs = page_ref_sub_and_test;
