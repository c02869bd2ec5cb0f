// Entry point of a worker thread: registers the tsx loader in this thread (loader hooks are
// per thread) so that the worker, mc's sources and the spec load as TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
