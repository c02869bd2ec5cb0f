#!/usr/bin/env node
// The `mc` command. Registers the loader (tsx) so that mc's own TypeScript sources and the user's
// `.ts` specs load without a build step, then hands argv to the CLI.
import { disposeEarly, startEarly } from "../src/cli/typecheck-spawn.js";
import { startEarlyWorkers } from "../src/cli/early-start.js";

// `mc check <spec>`'s type check starts first, beside the CLI's own start-up (tsx and the CLI's
// modules: most of a small check's time)
startEarly(process.argv.slice(2));
// and so do the worker threads of `mc check <spec> --workers N`, which load tsx and the spec
// themselves: ready when the search starts rather than about a second into it
startEarlyWorkers(process.argv.slice(2));
await import("../src/model/register-loader.js");
const { runCli } = await import("../src/cli/main.ts");
const io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: Boolean(process.stdout.isTTY),
};
const code = await runCli(process.argv.slice(2), io);
disposeEarly(); // a type check started early that the command did not take over (a bad flag)
// Let stdout drain before exiting, so a piped JSON result is never cut short.
process.stdout.write("", () => process.exit(code));
