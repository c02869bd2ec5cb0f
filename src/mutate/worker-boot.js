// Entry point of a mutant worker thread: registers the tsx loader in this thread (loader hooks
// are per thread) so that the mutated spec files load as TypeScript, then runs worker.ts.
import { register } from "tsx/esm/api";

globalThis[Symbol.for("mc.tsx-registered")] = true;
register();
await import("./worker.ts");
