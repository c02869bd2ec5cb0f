// The mutation operators and the probes, on the fixture test/fixtures/mutate/ (counted by hand).
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { applyMutant, findMutants, instrument, withLoopFuel } from "../../src/mutate/operators.js";
import { specSources } from "../../src/mutate/sources.js";
import { tempDir } from "../support/temp.js";

const tmp = tempDir("mc-mutate-ops-");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("findMutants", () => {
  const src = specSources("test/fixtures/mutate/counter.ts");
  const { mutants } = findMutants(src.program, src.mutable);
  const at = (file: string) => mutants.filter((m) => relative(src.root, m.file) === `test/fixtures/mutate/${file}`).map((m) => `${m.line} ${m.operator} ${m.diff}`);

  it("mutates the spec and the files it imports, not the pipeline", () => {
    expect(src.mutable.map((f) => relative(src.root, f))).toEqual(["test/fixtures/mutate/counter.ts", "test/fixtures/mutate/refs.ts"]);
  });

  it("makes exactly the mutants of refs.ts counted by hand", () => {
    // take: the dropped .set("held"), the dropped .set("rc"), + ↔ -, 1 ± 1, true → false; drop likewise;
    // unused: 2 ± 1 (no operator for *)
    expect(at("refs.ts")).toEqual([
      '3 removed-call s.set("rc", s.rc + 1).set("held", true) → (s.set("rc", s.rc + 1))',
      '3 removed-call s.set("rc", s.rc + 1) → (s)',
      '3 arithmetic s.rc + 1 → s.rc - 1',
      "3 literal 1 → 2",
      "3 literal 1 → 0",
      "3 literal true → false",
      '6 removed-call s.set("rc", s.rc - 1).set("held", false) → (s.set("rc", s.rc - 1))',
      '6 removed-call s.set("rc", s.rc - 1) → (s)',
      "6 arithmetic s.rc - 1 → s.rc + 1",
      "6 literal 1 → 2",
      "6 literal 1 → 0",
      "6 literal false → true",
      "9 literal 2 → 3",
      "9 literal 2 → 1",
    ]);
  });

  it("forces each guard of a conjunction true, swaps && and ||, drops a negation, and turns i++ into i--", () => {
    const lines = at("counter.ts");
    expect(lines).toContain("14 boolean !s.held && !s.done → !s.held || !s.done");
    expect(lines).toContain("14 boolean !s.held → true");
    expect(lines).toContain("14 boolean !s.held → s.held");
    expect(lines).toContain("18 arithmetic i++ → i--");
    expect(lines).toContain("18 removed-call drop(t) → (t)");
    // a drop whose result is a different type (take(s) is S, s.set("done") is S) is made; none into a type that does not fit
    expect(lines.filter((l) => l.includes("Record("))).toEqual([]);
  });

  it("applies a mutant as one text edit", () => {
    const plus = mutants.find((m) => m.diff === "s.rc + 1 → s.rc - 1")!;
    const text = src.text.get(plus.file)!;
    expect(applyMutant(text, plus)).toBe(text.replace("s.rc + 1", "s.rc - 1"));
  });
});

describe("instrument", () => {
  it("keeps every value and records which sites ran", () => {
    const file = join(tmp, "probe.ts");
    const code = "export const f = (a: number, b: boolean): boolean => (a + 1 > 2 && !b) || a === 7;\nexport const g = (n: number): number => n - 1;\n";
    writeFileSync(file, code);
    const program = ts.createProgram([file], { strict: true, noEmit: true, noLib: true, types: [] });
    const { sites } = findMutants(program, [file]);
    const js = ts.transpileModule(instrument(code, file, sites), { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
    const hits = new Set<number>();
    (globalThis as { __mcMutateHit?: (id: number) => void }).__mcMutateHit = (id) => void hits.add(id);
    const mod: { exports: { f?: (a: number, b: boolean) => boolean } } = { exports: {} };
    new Function("exports", "module", js)(mod.exports, mod);
    const f = mod.exports.f!;
    for (const [a, b] of [[0, false], [2, false], [2, true], [7, true]] as const) expect(f(a, b)).toBe((a + 1 > 2 && !b) || a === 7);
    const gSites = sites.filter((s) => s.start >= code.indexOf("export const g"));
    expect(gSites.length).toBeGreaterThan(0);
    expect(gSites.every((s) => !hits.has(s.id))).toBe(true); // g never ran
    expect(sites.filter((s) => !gSites.includes(s)).every((s) => hits.has(s.id))).toBe(true);
  });
});

describe("withLoopFuel", () => {
  // a loop with a block body holding a loop with a bare body, and a labelled loop: every loop counts
  const code = [
    "export function f(n: number): number {",
    "  let t = 0;",
    "  for (let i = 0; i < n; i++) { for (let j = 0; j < 2; j++) t++; }",
    "  outer: while (t > 100) { t--; if (t === 50) continue outer; }",
    "  return t;",
    "}",
  ].join("\n");
  const file = join(tmp, "loops.ts");
  writeFileSync(file, code);
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const { mutants, loops } = findMutants(program, [file]);
  const run = (text: string, n: number): number => {
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
    const m: { exports: { f?: (n: number) => number } } = { exports: {} };
    new Function("module", "exports", js)(m, m.exports);
    return m.exports.f!(n);
  };
  (globalThis as { __mcMutateLoop?: () => never }).__mcMutateLoop = () => {
    throw new Error("loop budget");
  };

  it("finds the three loops and keeps a finite mutant's result", () => {
    expect(loops).toHaveLength(3);
    const m = mutants.find((x) => x.diff === "2 → 3")!;
    expect(run(withLoopFuel(code, m, loops), 4)).toBe(12);
  });
  it("stops the loop a mutant made endless at LOOP_BUDGET iterations, in the header or the body", () => {
    for (const diff of ["i++ → i--", "j++ → j--"]) {
      const m = mutants.find((x) => x.diff === diff)!;
      expect(() => run(withLoopFuel(code, m, loops), 4), diff).toThrow("loop budget");
    }
  });
});
