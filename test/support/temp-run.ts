// vitest's globalSetup: one folder per test run, <tmpdir>/mc-test-XXXXXX, made before the first
// test file and removed with everything in it after the last, so a run leaves nothing in /tmp
// even where a file's own cleanup never ran (vitest runs no hook of a file whose tests all skip).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's folder; test files make theirs inside it with tempDir (temp.ts). */
    mcTestRun: string;
  }
}

/**
 * Makes the run's folder and hands it to the test workers (forked processes) with provide: not
 * TMPDIR, which would also move tsx's transform cache (<tmpdir>/tsx-<uid>) and make every run cold.
 */
export default function setup(project: Pick<TestProject, "provide">): () => void {
  const run = mkdtempSync(join(tmpdir(), "mc-test-"));
  project.provide("mcTestRun", run);
  return () => rmSync(run, { recursive: true, force: true });
}
