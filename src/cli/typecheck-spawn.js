// Starts the type-check process (typecheck-boot.js) for spec files, writing its outcome into a
// temp folder. Plain JavaScript so that bin/mc.js can start it for `mc check <spec>` before it
// loads tsx and the CLI (~0.9 s of CPU the check then overlaps); background-typecheck.ts adopts
// that process, or starts one itself.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import boot from "./typecheck-boot.cjs";
import { plainCheck } from "./early-start.js";

const BOOT = new URL("./typecheck-boot.cjs", import.meta.url);
const EARLY = Symbol.for("mc.early-typecheck");

/**
 * Starts checking `files` (the process itself skips those that passed before unchanged), from
 * the start-up snapshot when there is one (typecheck-snapshot.cjs).
 */
export function spawnTypecheck(files) {
  const dir = mkdtempSync(join(tmpdir(), "mc-typecheck-"));
  const resultPath = join(dir, "result.json");
  const blob = boot.snapshotBlob();
  let disposed = false;
  const start = (snapshot) => {
    const args = snapshot ? ["--snapshot-blob", blob, resultPath, ...files] : [BOOT.pathname, resultPath, ...files];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b) => (stderr = (stderr + b.toString()).slice(-4096)));
    // listened to from the start: an early process may end before the command adopts it
    const exited = new Promise((res) => {
      child.on("error", (e) => res(`could not start: ${e.message}`));
      child.on("close", (code, signal) => res(`exited with ${code ?? signal}: ${stderr.trim().split("\n").pop() ?? ""}`));
    });
    return { child, exited };
  };
  const snapshot = existsSync(blob);
  let run = start(snapshot);
  // A snapshot this Node cannot start from (it checks its own build) is dropped, and the check
  // started plainly: a snapshot can cost time, never the check.
  const exited = run.exited.then((how) => {
    if (!snapshot || disposed || existsSync(resultPath)) return how;
    rmSync(blob, { force: true });
    run = start(false);
    return run.exited;
  });
  const dispose = () => {
    disposed = true;
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  return { files: files.map((f) => resolve(f)), resultPath, exited, dispose };
}

/**
 * For `mc check <spec>` with the spec first after the command and the type check not turned off,
 * starts its type check now; anything less plain is left to the command (yargs parses it).
 */
export function startEarly(argv) {
  const plain = plainCheck(argv);
  if (plain === undefined || plain.rest.some((a) => /^--(no-typecheck|typecheck=)/.test(a) || a === "--typecheck")) return undefined;
  const started = spawnTypecheck([plain.spec]);
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
