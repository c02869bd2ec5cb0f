// The run's temp folder: test files' folders are made inside it, and the globalSetup's teardown
// removes it with everything in it (what makes `npm test` leave nothing in /tmp).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
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
    expect(basename(dirname(a))).toMatch(/^mc-test-/);
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
});
