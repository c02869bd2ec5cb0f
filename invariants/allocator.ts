// Invariants over the driver allocator's free list (brief §3).

type WalkerView = { readonly S: string };

/** Hugh 2017: get_page_unless_zero must not succeed on a page sitting free in the driver allocator. */
export const NoSpeculativeRefOnFreePage = (s: WalkerView & { readonly onFreeList: boolean }): boolean =>
  !(s.S === "hold" && s.onFreeList);

/** The same rule for p2pdma's genpool (`inPool`), and for specs with several walkers. */
export function noSpeculativeRefOnFreePage<S>(walkerHolds: (s: S) => boolean, isFree: (s: S) => boolean): (s: S) => boolean {
  return (s) => !(walkerHolds(s) && isFree(s));
}

/**
 * A page is on the allocator's free list exactly when it is not allocated: allocation pops it,
 * page_free pushes it back (mc mutate: a page_free that skipped the push went unnoticed).
 */
export function freeListConsistent<S extends { get(k: string): unknown; readonly fault: unknown }>(keys: { readonly list: string; readonly allocated: string }): (s: S) => boolean {
  return (s) => s.fault !== null || s.get(keys.list) !== s.get(keys.allocated);
}
