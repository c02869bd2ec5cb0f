// The type check beside the search: a spec that passed is not checked again until it or a file it
// imports changes; a type error still ends the run with MC003 and no verdict, also when the spec
// also fails at run time; the cache entry is keyed by content, not by time.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDir, passedBefore, recordPass } from "../../src/cli/typecheck-cache.js";
import { mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const dir = tempDir("mc-tc-test-");
mkdirSync(join(dir, "node_modules"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the type-check cache", () => {
  it("holds until the spec or a file it imports changes, and lives in the nearest node_modules/.cache/mc", () => {
    const spec = join(dir, "a.ts");
    const helper = join(dir, "b.ts");
    writeFileSync(spec, 'import { b } from "./b.js";\nexport const a = b;\n');
    writeFileSync(helper, "export const b = 1;\n");
    expect(cacheDir(spec)).toBe(join(dir, "node_modules", ".cache", "mc"));
    expect(passedBefore(spec)).toBe(false);
    recordPass(spec, [spec, helper]);
    expect(passedBefore(spec)).toBe(true);
    writeFileSync(helper, "export const b = 2;\n");
    expect(passedBefore(spec)).toBe(false);
    writeFileSync(helper, "export const b = 1;\n"); // the same content again: keyed by content
    expect(passedBefore(spec)).toBe(true);
    rmSync(helper);
    expect(passedBefore(spec)).toBe(false);
  });

  it("mc check records a pass, and a changed spec with a type error is checked again: MC003, no verdict", async () => {
    const spec = resolve("test/fixtures/tc-cache-spec.tmp.ts");
    const good = 'import { defineSpec } from "../../src/index.js";\nexport default defineSpec({ name: "tc", init: [0], actions: { A: (s: number) => (s < 3 ? s + 1 : null) } });\n';
    try {
      writeFileSync(spec, good);
      const first = await mc("check", spec, "--no-deadlock");
      expect(first.code).toBe(0);
      expect(passedBefore(spec)).toBe(true);
      // A type error that also breaks the run (calling a number): the type error is what is shown.
      writeFileSync(spec, good.replace("s + 1", "(s as unknown as number)(1) + s.nope"));
      expect(passedBefore(spec)).toBe(false);
      const second = await mc("check", spec, "--no-deadlock");
      expect(second.code).toBe(2);
      expect(second.err).toContain("error MC003");
      expect(second.err).toMatch(/nope/);
      expect(second.out).not.toMatch(/All invariants hold|violated/);
    } finally {
      rmSync(spec, { force: true });
    }
  }, 240_000);
});
