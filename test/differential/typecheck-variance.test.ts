// The type check reads Immutable's declarations with their variance annotated (`out`, what the
// compiler measures itself) because measuring it costs most of a spec's check. The annotations
// must not change a verdict: on a probe of assignments between Immutable collections the check
// reports exactly the lines marked `// error`, with the annotations and with the compiler's own
// measurement, and every spec in specs/ passes with them. Those three cost ~30 s of compiler
// CPU, so they run with MC_DIFFERENTIAL_LONG=1 (npm run test:long); npm test checks the text.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diagnose } from "../../src/cli/typecheck.js";
import { annotateVariance } from "../../src/cli/typecheck-variance.js";

const PROBE = "test/fixtures/broken/variance-probe.ts";
const LONG = process.env["MC_DIFFERENTIAL_LONG"] === "1";
const marked = readFileSync(PROBE, "utf8").split("\n").flatMap((l, i) => (l.trimEnd().endsWith("// error") ? [i + 1] : []));
const errorLines = (): number[] => [...new Set(diagnose([PROBE]).errors.map((e) => e.line))].sort((a, b) => a - b);

afterEach(() => void delete process.env["MC_TYPECHECK_EXACT"]);

describe("Immutable's variance, annotated for the type check", () => {
  it("annotates the immutable installed here, and leaves a layout it does not know alone", () => {
    const text = readFileSync("node_modules/immutable/dist/immutable.d.ts", "utf8");
    const annotated = annotateVariance(text);
    expect(annotated).not.toBe(text);
    expect(annotated.match(/interface \w+<out /g)).toHaveLength(15);
    const other = text.replace("interface Stack<T> extends", "interface Stack<T, U = never> extends");
    expect(annotateVariance(other)).toBe(other);
  });

  it.skipIf(!LONG)("finds exactly the marked errors of the probe", { timeout: 300_000 }, () => {
    expect(marked.length).toBeGreaterThan(10);
    expect(errorLines()).toEqual(marked);
  });

  it.skipIf(!LONG)("and so does the compiler's own measurement (MC_TYPECHECK_EXACT=1)", { timeout: 300_000 }, () => {
    process.env["MC_TYPECHECK_EXACT"] = "1";
    expect(errorLines()).toEqual(marked);
  });

  it.skipIf(!LONG)("every spec in specs/ passes with the annotations", { timeout: 300_000 }, () => {
    const specs = readdirSync("specs", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => join("specs", f));
    expect(diagnose(specs).errors).toEqual([]);
  });
});
