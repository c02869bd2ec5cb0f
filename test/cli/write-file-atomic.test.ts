// Files mc writes are written whole or not at all: the new content replaces the old in one
// rename, and a failed write leaves the old file and no temporary file behind.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/cli/write-file-atomic.js";
import { tempDir } from "../support/temp.js";

describe("writeFileAtomic", () => {
  it("replaces a file whole and leaves nothing else in its folder", () => {
    const dir = tempDir("mc-atomic-");
    const f = join(dir, "sub", "r.json");
    writeFileAtomic(f, "old\n");
    writeFileAtomic(f, "x".repeat(1 << 20));
    expect(readFileSync(f, "utf8")).toBe("x".repeat(1 << 20));
    expect(readdirSync(join(dir, "sub"))).toEqual(["r.json"]);
  });

  it("a write that fails leaves the old content and no temporary file", () => {
    const dir = tempDir("mc-atomic-");
    const target = join(dir, "taken");
    mkdirSync(target); // renaming a file over a directory fails
    writeFileSync(join(target, "keep"), "old");
    expect(() => writeFileAtomic(target, "new")).toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
    expect(readFileSync(join(target, "keep"), "utf8")).toBe("old");
  });
});
