// FOLL_PIN invariants: page_maybe_dma_pinned's guarantee ("false is exact": a pinned page is
// always reported pinned) and its converse for models whose ordinary references stay below the
// bias, where a report without a pin can only be a leaked bias.
import { page_maybe_dma_pinned } from "../src/kernel/pin.js";

/** While some caller holds a FOLL_PIN pin, page_maybe_dma_pinned(refcount) is true. */
export function PinnedPageReportsPinned<S>(refcount: (s: S) => number, pins: (s: S) => number): (s: S) => boolean {
  return (s) => pins(s) === 0 || page_maybe_dma_pinned(refcount(s));
}

/** With no pin held and fewer than BIAS ordinary references, page_maybe_dma_pinned is false. */
export function UnpinnedPageReportsUnpinned<S>(refcount: (s: S) => number, pins: (s: S) => number): (s: S) => boolean {
  return (s) => pins(s) > 0 || !page_maybe_dma_pinned(refcount(s));
}
