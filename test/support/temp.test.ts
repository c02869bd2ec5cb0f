// The run's temp folder: test files' folders are made inside it, and the globalSetup's teardown
// removes it with everything in it (what makes `npm test` leave nothing in /tmp).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { tempDir } from "./temp.js";
import setup from "./temp-run.js";

describe("temp folders of a test run", () => {
  it("tempDir makes a new empty folder inside this run's folder, which is in the temp directory", () => {
    const a = tempDir("mc-temp-a-");
    const b = tempDir("mc-temp-a-");
    expect(a).not.toBe(b);
    expect(readdirSync(a)).toEqual([]);
    expect(dirname(a)).toBe(inject("mcTestRun"));
    expect(basename(a)).toMatch(/^mc-temp-a-/);
    expect(dirname(dirname(a))).toBe(tmpdir());
    expect(basename(dirname(a))).toMatch(/^mc-test-\d+-/);
  });

  it("the globalSetup makes a run folder, provides it, and its teardown removes it whole", () => {
    const provided = new Map<string, unknown>();
    const teardown = setup({ provide: (key, value) => void provided.set(key, value) });
    const run = provided.get("mcTestRun");
    expect(typeof run).toBe("string");
    const dir = run as string;
    expect(existsSync(dir)).toBe(true);
    expect(dir).not.toBe(inject("mcTestRun")); // a fresh one, not this run's
    mkdirSync(join(dir, "a/b"), { recursive: true });
    writeFileSync(join(dir, "a/b/f.txt"), "x");
    teardown();
    expect(existsSync(dir)).toBe(false);
  });

  it("setup removes the folder of a run whose process is gone (ended by Ctrl-C: no teardown), not one whose process runs", () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid; // exited: no process has this pid now
    const orphan = mkdtempSync(join(tmpdir(), `mc-test-${gone}-`));
    writeFileSync(join(orphan, "f.txt"), "x");
    const running = mkdtempSync(join(tmpdir(), `mc-test-${process.pid}-`));
    try {
      setup({ provide: () => {} })();
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(running)).toBe(true);
      expect(existsSync(inject("mcTestRun"))).toBe(true); // this run's, whose process runs
    } finally {
      rmSync(orphan, { recursive: true, force: true });
      rmSync(running, { recursive: true, force: true });
    }
  });
});
