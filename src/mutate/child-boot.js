// Entry point of a mutant child process: registers the tsx loader so that the mutated spec files
// load as TypeScript, then runs worker.ts, which answers the pool's tasks over the IPC channel.
import "../model/register-loader.js";

await import("./worker.ts");
