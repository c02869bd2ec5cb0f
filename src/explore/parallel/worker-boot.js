// Entry point of a worker thread: registers the tsx loader in this thread (loader hooks are
// per thread) so that the worker, mc's sources and the spec load as TypeScript.
import "../../model/register-loader.js";

await import("./worker.ts");
