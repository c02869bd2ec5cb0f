// Registers, once per thread, what loads TypeScript specs without a build step: tsx, and the
// hook that loads a user's .ts file as an ES module even where its package.json does not say
// "type": "module". Imported first by every entry point (bin, lib, worker thread, mutant child).
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

const REGISTERED = Symbol.for("mc.tsx-registered");
if (!globalThis[REGISTERED]) {
  globalThis[REGISTERED] = true;
  register();
  // registered after tsx, so it runs first and sees tsx's answer (hooks chain last-in first)
  registerHooks(new URL("./spec-format-hook.js", import.meta.url));
}
