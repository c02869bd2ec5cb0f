// Entry point of a worker thread: registers the tsx loader in this thread (loader hooks are
// per thread) so that the worker, mc's sources and the spec load as TypeScript.
import { register } from "tsx/esm/api";

// lib/index.js (mc as an installed package) registers tsx only where nothing has yet
globalThis[Symbol.for("mc.tsx-registered")] = true;
register();
await import("./worker.ts");
