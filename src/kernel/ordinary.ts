// An ordinary (not ZONE_DEVICE) page's end of life (mm/swap.c __folio_put): when the last
// reference goes, the folio leaves the LRU and its memcg and returns to the buddy allocator
// (free_frozen_pages). eras.ts is the ZONE_DEVICE side. Over a spec Record that keeps the count
// and a `freed` flag under names the spec chooses, plus the `fault` field.

import { raise, type FaultCode } from "./fault.js";
import { folio_put_refs } from "./page.js";

/** Where one ordinary page lives in a spec's Record: its refcount and whether the allocator has it back. */
export interface OrdinaryPageKeys<R extends string, F extends string> {
  readonly refcount: R;
  readonly freed: F;
}
export const ORDINARY_PAGE = { refcount: "rc", freed: "freed" } as const;

/** A Record with those fields and `fault`. */
export type OrdinaryPageHost<S, R extends string, F extends string> = { readonly [P in R]: number } & { readonly [P in F]: boolean } & {
  readonly fault: FaultCode | null;
  set(key: R | F | "fault", value: never): S;
};

const put = <S>(s: S, k: string, v: unknown): S => (s as unknown as { set(k: string, v: unknown): S }).set(k, v);

/**
 * __folio_put's ordinary branch: page_cache_release, mem_cgroup_uncharge, free_frozen_pages;
 * the page is free. Freeing a page that is already free is `double_free`.
 */
export function freeOrdinaryFolio<R extends string, F extends string, S extends OrdinaryPageHost<S, R, F>>(s: S, keys: OrdinaryPageKeys<R, F>): S {
  if (s[keys.freed]) return raise(s as S & { set(k: "fault", v: FaultCode | null): S }, "double_free");
  return put(s, keys.freed, true);
}

/**
 * folio_put_refs(folio, n) on an ordinary page: −n, and the free path when it reaches 0. A put
 * on a freed page (use after free) or below 0 faults `underflow` and changes nothing else.
 */
export function folioPutRefsIn<R extends string, F extends string, S extends OrdinaryPageHost<S, R, F>>(s: S, keys: OrdinaryPageKeys<R, F>, n: number): S {
  const step = folio_put_refs(s[keys.refcount], n);
  if (step.fault !== null) return raise(s as S & { set(k: "fault", v: FaultCode | null): S }, step.fault);
  const t = put(s, keys.refcount, step.count);
  return step.zero ? freeOrdinaryFolio(t, keys) : t;
}

/**
 * Called after a holder's last put: when no holder is left but the count is above 0 and the
 * page is not free, nothing will ever free it, so `leak` is raised (the first fault wins).
 */
export function checkLeak<R extends string, F extends string, S extends OrdinaryPageHost<S, R, F>>(s: S, keys: OrdinaryPageKeys<R, F>, holders: number): S {
  if (holders > 0 || s[keys.freed] || s[keys.refcount] === 0) return s;
  return raise(s as S & { set(k: "fault", v: FaultCode | null): S }, "leak");
}
