// Loads a `.ts` spec file (through the tsx loader registered by the bin or a worker's boot file)
// and returns its default export, turning every way this can fail into an McError that names the
// file and the cause.

import { existsSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isSpec } from "./compile.js";
import { McError, describeThrown } from "../result/errors.js";
import type { Spec } from "../spec/types.js";

export function requireFile(file: string): void {
  const abs = resolve(file);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new McError("MC001", `${file}: no such spec file (looked for ${abs}).`);
  }
}

export async function loadSpec(file: string): Promise<Spec<unknown>> {
  requireFile(file);
  const abs = resolve(file);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    if (e instanceof McError) throw new McError(e.code, `${file}: ${e.message}`);
    throw new McError("MC002", `${file}: the spec failed to load: ${loadFailure(e, abs)}`);
  }
  if (mod.default === undefined) {
    throw new McError("MC004", `${file}: the module has no default export. End the spec with \`export default defineSpec({ ... })\`.`);
  }
  if (!isSpec(mod.default)) {
    throw new McError("MC004", `${file}: the default export is not a spec made by defineSpec (it is ${typeof mod.default}). Wrap the definition: \`export default defineSpec({ name, init, actions })\`.`);
  }
  return mod.default;
}

/** The loader's message, with the first stack frame in the user's files as a location. */
function loadFailure(e: unknown, abs: string): string {
  const msg = describeThrown(e).split("\n").slice(0, 6).join(" ").replace(/\s+/g, " ").trim();
  const stack = e instanceof Error ? (e.stack ?? "") : "";
  const frames = [...stack.matchAll(/(?:file:\/\/)?(\/[^\s()]+:\d+:\d+)/g)].map((m) => m[1]!);
  const ours = /\/src\/(cli|explore|model|fingerprint|report|result|spec)\//;
  const frame = frames.find((f) => f.startsWith(abs)) ?? frames.find((f) => !f.includes("/node_modules/") && !ours.test(f) && !f.startsWith("/node:"));
  return frame ? `${msg} (at ${relative(process.cwd(), frame)})` : msg;
}
