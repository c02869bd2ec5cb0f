// Starts the type-check process (typecheck-boot.js) for spec files, writing its outcome into a
// temp folder. Plain JavaScript so that bin/mc.js can start it for `mc check <spec>` before it
// loads tsx and the CLI (~0.9 s of CPU the check then overlaps); background-typecheck.ts adopts
// that process, or starts one itself.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const BOOT = new URL("./typecheck-boot.js", import.meta.url);
const EARLY = Symbol.for("mc.early-typecheck");

/** Starts checking `files`; the process itself skips those that passed before unchanged. */
export function spawnTypecheck(files) {
  const dir = mkdtempSync(join(tmpdir(), "mc-typecheck-"));
  const resultPath = join(dir, "result.json");
  const child = spawn(process.execPath, [BOOT.pathname, resultPath, ...files], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (b) => (stderr = (stderr + b.toString()).slice(-4096)));
  // listened to from the start: an early process may end before the command adopts it
  const exited = new Promise((res) => {
    child.on("error", (e) => res(`could not start: ${e.message}`));
    child.on("close", (code, signal) => res(`exited with ${code ?? signal}: ${stderr.trim().split("\n").pop() ?? ""}`));
  });
  const dispose = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  return { files: files.map((f) => resolve(f)), child, resultPath, exited, dispose };
}

/**
 * For `mc check <spec>` with the spec first after the command and the type check not turned off,
 * starts its type check now; anything less plain is left to the command (yargs parses it).
 */
export function startEarly(argv) {
  const [command, spec, ...rest] = argv;
  if (command !== "check" || spec === undefined || spec.startsWith("-") || !existsSync(spec)) return undefined;
  if (rest.some((a) => /^--(no-typecheck|typecheck=|cluster|help|version)/.test(a) || a === "--typecheck")) return undefined;
  const started = spawnTypecheck([spec]);
  globalThis[EARLY] = started;
  return started;
}

/** The process startEarly started for exactly `files`, now owned by the caller (or undefined). */
export function adoptEarly(files) {
  const early = globalThis[EARLY];
  if (early === undefined || early.files.join("\n") !== files.map((f) => resolve(f)).join("\n")) return undefined;
  globalThis[EARLY] = undefined;
  return early;
}

/** Ends the early process if the command never adopted it (a bad flag, --no-typecheck parsed). */
export function disposeEarly() {
  globalThis[EARLY]?.dispose();
  globalThis[EARLY] = undefined;
}
