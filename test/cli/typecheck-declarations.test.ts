// The type check after an edit reads mc as declarations emitted once into the cache, and starts
// from a snapshot holding the compiler and parsed declarations; neither may hide a type error:
// a changed source of the package re-emits its declarations (and a type inferred across its
// files changes with it), an edit that breaks the spec or a helper it imports is reported by
// `mc check` run as users run it, and a snapshot that cannot start costs time, not the check.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diagnose } from "../../src/cli/typecheck.js";
import { tempDir } from "../support/temp.js";

const dir = tempDir("mc-tc-decl-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (path: string, text: string): string => (mkdirSync(join(path, ".."), { recursive: true }), writeFileSync(path, text), path);

describe("mc's modules as declarations", () => {
  it("are emitted into the package's cache, and a changed source re-emits them, also a type inferred from another file", () => {
    const root = join(dir, "pkg");
    write(join(root, "package.json"), '{ "name": "pkg", "type": "module" }\n');
    mkdirSync(join(root, "node_modules"));
    write(join(root, "src/index.ts"), 'import { make } from "./inner.js";\nexport const made = make();\nexport function twice(n: number): number {\n  return 2 * n;\n}\n');
    const inner = write(join(root, "src/inner.ts"), "export function make() {\n  return { count: 1 };\n}\n");
    const spec = write(join(dir, "spec.ts"), 'import { made, twice } from "./pkg/src/index.js";\nexport const n: number = twice(made.count);\n');
    const own = { root, entries: ["src/index.ts"] };

    const first = diagnose([spec], own);
    expect(first.errors).toEqual([]);
    const decl = first.sources.find((f) => f.endsWith("/src/index.d.ts"));
    expect(decl).toBeDefined();
    expect(decl!.startsWith(join(root, "node_modules", ".cache", "mc", "declarations"))).toBe(true);
    expect(first.sources).toEqual(expect.arrayContaining([inner])); // the pass is stamped with every source

    // `made`'s type is inferred in inner.ts and written into index.d.ts
    writeFileSync(inner, 'export function make() {\n  return { count: "one" };\n}\n');
    const second = diagnose([spec], own);
    expect(second.errors.map((e) => [e.code, e.line])).toEqual([[2345, 2]]);
    expect(second.sources.find((f) => f.endsWith("/src/index.d.ts"))).not.toBe(decl);

    // an emitted declaration changed by hand is emitted again
    writeFileSync(inner, "export function make() {\n  return { count: 1 };\n}\n");
    const third = diagnose([spec], own);
    expect(third.errors).toEqual([]);
    const emitted = third.sources.find((f) => f.endsWith("/src/index.d.ts"))!;
    writeFileSync(emitted, readFileSync(emitted, "utf8").replace("n: number", "n: string"));
    expect(diagnose([spec], own).errors).toEqual([]);
  }, 120_000);
});

// Long suite (MC_LONG=1): it waits for the snapshot to be built (10-15 s) and then rebuilds it,
// which in `npm test` ran beside every other file.
describe.skipIf(!process.env["MC_LONG"])("mc check after an edit, as users run it", () => {
  const mcCheck = (spec: string): { code: number | null; text: string } => {
    const r = spawnSync(process.execPath, ["bin/mc.js", "check", spec, "--no-deadlock"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return { code: r.status, text: r.stdout + r.stderr };
  };
  const { snapshotBlob } = createRequire(import.meta.url)("../../src/cli/typecheck-boot.cjs") as { snapshotBlob(): string };

  it("reports a type error introduced in the spec and in a helper it imports, from the snapshot and without it", async () => {
    const specs = resolve("test/fixtures/tc-decl-spec.tmp");
    const spec = join(specs, "spec.ts");
    const helper = join(specs, "helper.ts");
    const good = 'import { List } from "immutable";\nimport { defineSpec } from "../../../src/index.js";\nimport { step } from "./helper.js";\nexport default defineSpec({ name: "tc", init: [List<number>()], actions: { A: (s: List<number>) => (s.size < 2 ? step(s) : null) } });\n';
    const goodHelper = 'import type { List } from "immutable";\nexport const step = (s: List<number>): List<number> => s.push(s.size);\n';
    try {
      write(spec, `${good}// ${Date.now()}: not passed before, so checked, not taken from the cache\n`);
      write(helper, goodHelper);
      expect(mcCheck(spec).code).toBe(0);
      // a check that finds no snapshot (a clean clone) has it built in the background
      for (let i = 0; i < 120 && !existsSync(snapshotBlob()); i++) await new Promise((r) => setTimeout(r, 1000));
      expect(existsSync(snapshotBlob())).toBe(true);

      writeFileSync(helper, goodHelper.replace("s.push(s.size)", 's.push("one")'));
      const inHelper = mcCheck(spec);
      expect(inHelper.code).toBe(2);
      expect(inHelper.text).toMatch(/error MC003[\s\S]*helper\.ts:2:\d+ - error TS2345/);

      writeFileSync(helper, goodHelper);
      writeFileSync(spec, good.replace("s.size < 2", 's.size < "2"'));
      const inSpec = mcCheck(spec);
      expect(inSpec.code).toBe(2);
      expect(inSpec.text).toMatch(/error MC003[\s\S]*spec\.ts:4:\d+ - error TS2365/);

      // a snapshot this Node cannot start from is dropped: the check still runs, and reports
      const blob = snapshotBlob();
      writeFileSync(`${blob}.test`, "not a snapshot");
      renameSync(`${blob}.test`, blob);
      const fallback = mcCheck(spec);
      expect(fallback.code).toBe(2);
      expect(fallback.text).toMatch(/spec\.ts:4:\d+ - error TS2365/);
      expect(existsSync(blob) && readFileSync(blob, "utf8") === "not a snapshot").toBe(false);

      writeFileSync(spec, good);
      expect(mcCheck(spec).code).toBe(0);
    } finally {
      rmSync(specs, { recursive: true, force: true });
    }
  }, 300_000);
});
