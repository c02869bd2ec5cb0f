// What the differential tests of symmetry share about random-sym-spec.ts: the arbitrary rule,
// and spec files that load a SymDesc through the interpreter (a search with workers loads its
// spec from a file in each worker).
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import type { SymDesc, SymRule } from "./random-sym-spec.js";
import { tempDir } from "../support/temp.js";

const INTERPRETER = resolve(import.meta.dirname, "random-sym-spec.ts");

/** A writer of spec files for SymDescs, in a fresh folder named after `prefix`. */
export function specFiles(prefix: string): (d: SymDesc) => string {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`);
  let files = 0;
  return (d) => {
    const file = join(dir, `case-${files++}.ts`);
    writeFileSync(file, `import { symSpecOf } from ${JSON.stringify(INTERPRETER)};\nexport default symSpecOf(${JSON.stringify(d)});\n`);
    return file;
  };
}

/** A rule over k counters, its lock one of `locks`. */
export const symRule = (k: number, locks: readonly SymRule["lock"][]): fc.Arbitrary<SymRule> =>
  fc.record({
    from: fc.integer({ min: 0, max: k - 1 }),
    to: fc.integer({ min: 0, max: k - 1 }),
    lock: fc.constantFrom(...locks),
    mark: fc.boolean(),
    link: fc.constantFrom("none" as const, "point" as const, "clear" as const),
  });
