#!/usr/bin/env node
// The `mc` command. Registers the tsx loader so that mc's own TypeScript sources and the user's
// `.ts` specs load without a build step, then hands argv to the CLI.
import { register } from "tsx/esm/api";

// lib/index.js (mc as an installed package) registers tsx only where nothing has yet
globalThis[Symbol.for("mc.tsx-registered")] = true;
register();
const { runCli } = await import("../src/cli/main.ts");
const io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: Boolean(process.stdout.isTTY),
};
const code = await runCli(process.argv.slice(2), io);
// Let stdout drain before exiting, so a piped JSON result is never cut short.
process.stdout.write("", () => process.exit(code));
