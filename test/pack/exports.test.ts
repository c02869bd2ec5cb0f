// Every entry point of package.json's "exports" gives, at run time, exactly the value exports of
// the TypeScript module its "types" names: the lib/*.js shims list their exports by hand (Node
// must register tsx before it can load a .ts file, so they cannot `export *`), and this compares
// the lists, so a missing export (renderHtmlReport once) cannot recur. Fast: no npm, no tarball;
// test/pack/pack.test.ts imports the same names from the installed tarball (long suite).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { entryPoints, valueExports } from "./value-exports.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { files: string[] };
const entries = entryPoints();

describe("package.json exports", () => {
  it("has the entry points the README documents", () => {
    expect(entries.map(([k]) => k)).toEqual(expect.arrayContaining([".", "./vitest", "./kernel", "./invariants"]));
  });

  it.each(entries)("%s: the shim exports every value export of its TypeScript module, and nothing else", async (_name, e) => {
    const [shim, source] = await Promise.all([valueExports(e.default), valueExports(e.types)]);
    expect(shim, `${e.default}: \`node --import tsx test/pack/write-shims.ts\` rewrites the kernel and invariants lists`).toEqual(source);
    const mod = (await import(/* @vite-ignore */ resolve(e.default))) as Record<string, unknown>;
    for (const k of shim) expect(mod[k], k).toBeDefined();
  });

  it.each(entries)("%s: both files ship in the package (package.json files)", (_name, e) => {
    for (const f of [e.types, e.default]) {
      const top = f.replace(/^\.\//, "").split("/")[0]!;
      expect(pkg.files, f).toContain(top);
    }
  });
});
