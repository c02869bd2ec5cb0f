// Temp folders for test files: each inside the run's folder (temp-run.ts, vitest's globalSetup),
// which is removed after the run, so a file need not remove what it made (it may, sooner).
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import "./temp-run.js";

/** A new empty folder named `<prefix>XXXXXX` inside the run's folder. */
export function tempDir(prefix: string): string {
  const run = inject("mcTestRun");
  if (typeof run !== "string") throw new Error("tempDir: no run folder; run the tests through vitest.config.ts, whose globalSetup (test/support/temp-run.ts) makes it");
  return mkdtempSync(join(run, prefix));
}
