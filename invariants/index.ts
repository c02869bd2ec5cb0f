// The kernel invariants as one module: what `import { NoUnderflow } from "mc/invariants"` gives a
// project that installed mc (lib/invariants.js loads it). Each is a state predicate, or a function
// building one from the spec's own view of its holders.

export * from "./allocator.js";
export * from "./faults.js";
export * from "./folio.js";
export * from "./fsdax.js";
export * from "./migrate.js";
export * from "./p2pdma.js";
export * from "./pgmap.js";
export * from "./pin.js";
export * from "./refcount.js";
