// Entry point of a worker thread: registers the tsx loader in this thread (loader hooks are
// per thread) so that the worker, mc's sources and the spec load as TypeScript.
import { register } from "tsx/esm/api";

// told lib/index.js (mc as an installed package) that tsx is registered in this thread
globalThis[Symbol.for("mc.tsx-registered")] = true;
register();
await import("./worker.ts");
