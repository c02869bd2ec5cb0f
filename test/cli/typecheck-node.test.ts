// The type check loads Node's types only for a spec that uses Node (they are 100 files the
// compiler otherwise parses for nothing): a spec using `process` and `node:fs` still passes, one
// that does not is checked without them, and a real error is still reported (one compiler
// program for the first spec, two for the second).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { typecheck } from "../../src/cli/typecheck.js";
import { McError } from "../../src/result/errors.js";
import { tempDir } from "../support/temp.js";

const dir = tempDir("mc-tc-node-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => (writeFileSync(join(dir, name), text), join(dir, name));
const usesNodeTypes = (sources: readonly string[]): boolean => sources.some((f) => f.includes("/@types/node/"));

describe("Node's types in the type check", () => {
  it("are left out for a spec that does not use Node", () => {
    const { sources } = typecheck([file("plain.ts", "export const n: number = [1, 2].length;\n")]);
    expect(usesNodeTypes(sources)).toBe(false);
  });

  it("are loaded for a spec that uses process and node:fs, whose real errors are still reported", () => {
    const spec = file("node.ts", 'import { existsSync } from "node:fs";\nexport const home: string = existsSync(process.env["HOME"] ?? "/");\n');
    let message = "";
    try {
      typecheck([spec]);
    } catch (e) {
      if (e instanceof McError) message = e.message;
    }
    // the message is wrapped to a width, so where its lines break depends on the folder's path
    expect(message.replace(/\s+/g, " ")).toMatch(/node\.ts:2:14 - error TS2322: Type 'boolean' is not assignable/);
    expect(message).toContain("a type error:"); // only that one: node:fs and process were found
  });
});
