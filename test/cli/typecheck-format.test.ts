// MC003's text: one error per line with file:line:col and its chain of reasons, wrapped at 100
// columns, the first five in full and a count of the rest.
import { describe, expect, it } from "vitest";
import { formatTypeErrors, SHOWN, wrap, type TypeDiagnostic } from "../../src/cli/typecheck-format.js";

const err = (i: number, lines: string[]): TypeDiagnostic => ({ file: "specs/x.ts", line: i, column: 3, code: 2322, lines });

describe("formatTypeErrors", () => {
  it("prints each error as the compiler does, its reasons indented below it", () => {
    const text = formatTypeErrors("specs/x.ts", [err(7, ["Type 'string' is not assignable to type 'number'.", "  Because of this.", "    And that."])]);
    expect(text.split("\n")).toEqual([
      "specs/x.ts: a type error:",
      "  specs/x.ts:7:3 - error TS2322: Type 'string' is not assignable to type 'number'.",
      "    Because of this.",
      "      And that.",
      "  Fix them, or run with --no-typecheck to try anyway.",
    ]);
  });

  it("shows the first few in full and counts the rest; no line is longer than 100 columns plus the indent", () => {
    const long = `Type '{ ${Array.from({ length: 60 }, (_, i) => `f${i}: number;`).join(" ")} }' is not assignable.`;
    const errors = Array.from({ length: SHOWN + 3 }, (_, i) => err(i + 1, [long]));
    const lines = formatTypeErrors("specs/x.ts", errors).split("\n");
    expect(lines[0]).toBe(`specs/x.ts: ${SHOWN + 3} type errors:`);
    expect(lines.filter((l) => l.startsWith("  specs/x.ts:"))).toHaveLength(SHOWN);
    expect(lines.at(-2)).toBe("  and 3 more (`npx tsc --noEmit` lists them all).");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(102);
    // nothing is lost by wrapping: the words of the first error are all there, in order
    const first = lines.slice(1, lines.findIndex((l, i) => i > 1 && l.startsWith("  specs/"))).map((l) => l.trim()).join(" ");
    expect(first).toBe(`specs/x.ts:1:3 - error TS2322: ${long}`);
  });

  it("keeps a word longer than a line whole", () => {
    expect(wrap(`a ${"x".repeat(150)} b`, "  ")).toEqual(["a", `  ${"x".repeat(150)}`, "  b"]);
  });
});
