// vitest's globalSetup: one folder per test run, <tmpdir>/mc-test-<pid>-XXXXXX, made before the
// first test file and removed with everything in it after the last, so a run leaves nothing in
// /tmp even where a file's own cleanup never ran (vitest runs no hook of a file whose tests all skip).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
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
  removeOrphans();
  const run = mkdtempSync(join(tmpdir(), `mc-test-${process.pid}-`));
  project.provide("mcTestRun", run);
  return () => rmSync(run, { recursive: true, force: true });
}

/**
 * Removes the folders of runs whose process is gone: vitest runs no teardown when it is ended by
 * Ctrl-C or a signal. A folder whose process still runs (another checkout's run) is left alone.
 */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^mc-test-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // it runs, as another user
  }
}
