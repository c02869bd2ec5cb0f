// The kernel library as one module: what `import { get_page, put_page } from "mc/kernel"` gives a
// project that installed mc (lib/kernel.js loads it). Every building block of src/kernel/, named
// after the kernel functions and fields it models; the specs in this repository import the files.

export * from "./actor-count.js";
export * from "./actor-view.js";
export * from "./actors.js";
export * from "./allocator.js";
export * from "./device-put.js";
export * from "./eras.js";
export * from "./fault.js";
export * from "./folio.js";
export * from "./ordinary.js";
export * from "./page.js";
export * from "./percpu-ref.js";
export * from "./pgmap.js";
export * from "./pin.js";
export * from "./step-text.js";
export * from "./wait-var.js";
